import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { resolveSensitiveDataType, shortTypeName } from '../../core/finding/finding-type';
import { parseFindingEvent } from '../../core/finding/parse-finding';
import type { Finding, SensitiveDataCount, SensitiveDataType, SeverityDescription } from '../../core/types/finding';

/** A Macie finding event as EventBridge delivers it: the `detail` is raw finding JSON. */
type MacieFindingEvent = EventBridgeEvent<'Macie Finding', Record<string, unknown>>;

const root = join(__dirname, '..', '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** A JSON file under test/fixtures (`.json` optional), e.g. `events/macie/macie-event-financial`. */
function loadFixture(name: string): unknown {
  return readJson(join(root, 'test', 'fixtures', name.endsWith('.json') ? name : `${name}.json`));
}

/** `CustomIdentifier` → `custom-identifier`: the file name under samples/events/. */
const sampleFileName = (type: SensitiveDataType): string =>
  shortTypeName(type)
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();

/** A fresh copy of samples/events/<type>.json; `type` is a full or short (`Financial`) type name. */
function loadSampleEvent(type: string): MacieFindingEvent {
  const resolved = resolveSensitiveDataType(type);
  if (!resolved) throw new Error(`no sample event for finding type ${type}`);
  return readJson(join(root, 'samples', 'events', `${sampleFileName(resolved)}.json`)) as MacieFindingEvent;
}

interface FindingOverrides {
  /** @default 32 random hex characters, so tests sharing a ledger never collide */
  readonly id?: string;
  /** Full or short type; a `Policy:` type builds a policy finding (no object). @default Financial */
  readonly type?: string;
  readonly severity?: SeverityDescription;
  readonly bucket?: string;
  readonly key?: string;
  /** `''` = unversioned bucket, as Macie sends it. */
  readonly versionId?: string;
  readonly eTag?: string;
  readonly size?: number;
  readonly accountId?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly createdAt?: string;
  readonly archived?: boolean;
  readonly sample?: boolean;
  readonly sensitiveData?: readonly SensitiveDataCount[];
  readonly customIdentifierCount?: number;
}

const SCORES = { Low: 1, Medium: 2, High: 3 } as const;

type Json = Record<string, unknown>;
const child = (parent: Json, key: string): Json => parent[key] as Json;

/** Drops undefined overrides, so `{ key: undefined }` keeps the sample's key. */
const defined = (values: Json): Json => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

function applyObjectOverrides(detail: Json, o: FindingOverrides): void {
  const affected = child(detail, 'resourcesAffected');
  const bucket = child(affected, 's3Bucket');
  const object = child(affected, 's3Object');
  if (o.bucket !== undefined) Object.assign(bucket, { name: o.bucket, arn: `arn:aws:s3:::${o.bucket}` });
  const bucketName = String(bucket.name);
  const key = o.key ?? String(object.key);
  Object.assign(object, defined({ versionId: o.versionId, eTag: o.eTag, size: o.size }), {
    key,
    bucketArn: `arn:aws:s3:::${bucketName}`,
    path: `${bucketName}/${key}`,
    extension: key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : '',
  });
  const result = child(child(detail, 'classificationDetails'), 'result');
  if (o.sensitiveData) result.sensitiveData = o.sensitiveData;
  if (o.customIdentifierCount !== undefined)
    result.customDataIdentifiers = { totalCount: o.customIdentifierCount, detections: [] };
}

/**
 * An EventBridge `Macie Finding` event for any bucket/key/ETag/version. Fields not overridden keep
 * the values of samples/events/<type>.json (policy types: test/fixtures/events/macie/macie-event-policy.json).
 */
function buildFindingEvent(overrides: FindingOverrides = {}): MacieFindingEvent {
  const type = overrides.type ?? 'SensitiveData:S3Object/Financial';
  const isPolicy = type.startsWith('Policy:');
  const event = isPolicy
    ? (loadFixture('events/macie/macie-event-policy') as MacieFindingEvent)
    : loadSampleEvent(type);
  const detail = event.detail;
  const severity = overrides.severity;
  Object.assign(
    detail,
    defined({
      id: overrides.id ?? randomBytes(16).toString('hex'),
      type: isPolicy ? type : resolveSensitiveDataType(type),
      accountId: overrides.accountId,
      region: overrides.region,
      partition: overrides.partition,
      createdAt: overrides.createdAt,
      updatedAt: overrides.createdAt,
      archived: overrides.archived,
      sample: overrides.sample,
      severity: severity ? { description: severity, score: SCORES[severity] } : undefined,
    }),
  );
  if (isPolicy) {
    if (overrides.bucket !== undefined)
      Object.assign(child(child(detail, 'resourcesAffected'), 's3Bucket'), {
        name: overrides.bucket,
        arn: `arn:aws:s3:::${overrides.bucket}`,
      });
  } else applyObjectOverrides(detail, overrides);
  return {
    ...event,
    account: String(detail.accountId),
    region: String(detail.region),
    time: String(detail.createdAt).replace(/\.\d+Z$/, 'Z'),
  };
}

/** The parsed {@link Finding} of {@link buildFindingEvent}: same overrides, same defaults. */
function buildFinding(overrides: FindingOverrides = {}): Finding {
  return parseFindingEvent(buildFindingEvent(overrides));
}

export type { FindingOverrides, MacieFindingEvent };

/** The account the sample findings belong to; moto's default account in the tests (test/support/moto-server.ts). */
const FIXTURE_ACCOUNT = '111122223333';

export { buildFinding, buildFindingEvent, FIXTURE_ACCOUNT, loadFixture, loadSampleEvent };
