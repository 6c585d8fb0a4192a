import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { mapConcurrent } from '../../../core/quarantine/map-concurrent';
import type { SensitiveDataType, SeverityDescription } from '../../../core/types/finding';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { makeFinding } from '../../../local/macie/make-finding';
import type { MacieFindingJson } from '../../../local/macie/types';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { motoDynamo, motoEnv, motoS3, uniqueName } from '../../support/aws';
import { type Dynalite, startDynalite } from '../../support/dynalite';
import { type CliRun, type RunOptions, runCli } from './captured-io';

const CHANNEL = { id: 'C0FINDINGS1', name: 'macie-findings' };

/** Financial and Credentials move at once, Personal and Multiple wait for review, CustomIdentifier is ignored. */
const POLICY = {
  'SensitiveData:S3Object/Financial': 'AUTO',
  'SensitiveData:S3Object/Credentials': 'AUTO',
  'SensitiveData:S3Object/Personal': 'REVIEW',
  'SensitiveData:S3Object/Multiple': 'REVIEW',
  'SensitiveData:S3Object/CustomIdentifier': 'IGNORE',
};

interface SeededObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly eTag: string;
}

interface StackOptions {
  /** dynalite for runs whose ledger writes must be exactly-once under concurrency. @default 'moto' */
  readonly ledger?: 'moto' | 'dynalite';
  /** Version the source bucket. @default false (Macie reports versionId "") */
  readonly versionedSource?: boolean;
  /** Where S3, STS and the moto ledger are: a suite's own moto (per-credentials accounts), or a proxy. @default the shared moto */
  readonly endpoint?: string;
  /**
   * Least time between two Slack posts of an in-process run (CliIO.factory): a suite of many posts that asserts
   * nothing about their pace spaces them less. @default Slack's rate, one a second
   */
  readonly slackIntervalMs?: number;
}

/**
 * Everything the CLI talks to, on this machine: S3 (and the ledger) on moto, Macie and Slack on the
 * local stand-ins. The variables go into process.env too, since the SDK reads endpoints and
 * credentials there; `stop()` puts process.env back.
 */
async function startCliStack(options: StackOptions = {}) {
  const s3 = motoS3(options.endpoint);
  const dynalite: Dynalite | undefined = options.ledger === 'dynalite' ? await startDynalite() : undefined;
  const dynamo: DynamoDBClient = dynalite ? dynalite.client() : motoDynamo(options.endpoint);
  const macie = new MacieStandIn();
  await macie.start();
  const slack = new SlackStandIn({ channels: [CHANNEL] });
  await slack.start();
  const sourceBucket = uniqueName('source');
  const quarantineBucket = uniqueName('quarantine');
  const table = uniqueName('ledger');
  await s3.send(new CreateBucketCommand({ Bucket: sourceBucket }));
  if (options.versionedSource) {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: sourceBucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  }
  // As infra/QuarantineBucket.ts creates it: Object Lock (which versions it) without default retention, for legal holds.
  await s3.send(new CreateBucketCommand({ Bucket: quarantineBucket, ObjectLockEnabledForBucket: true }));
  await createLedgerTable(dynamo, table, { pollMs: 10 });
  const cwd = mkdtempSync(join(tmpdir(), 'macie-remediate-cli-'));

  const env: Record<string, string> = {
    ...motoEnv(options.endpoint),
    AWS_ENDPOINT_URL_MACIE2: macie.url,
    ...(dynalite ? { AWS_ENDPOINT_URL_DYNAMODB: dynalite.url } : {}),
    MACIE_REMEDIATE_QUARANTINE_BUCKET: quarantineBucket,
    MACIE_REMEDIATE_LEDGER_TABLE: table,
    MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: JSON.stringify(POLICY),
    MACIE_REMEDIATE_MIN_SEVERITY: 'LOW',
    // moto holds no Macie findings in Security Hub (and has no BatchUpdateFindings): each decision would be owed
    // there. The Security Hub side is tested against its stand-in (test/core/securityhub, the local stack).
    MACIE_REMEDIATE_SECURITY_HUB: 'false',
    // Suites about moves restore without --reason; test/cli/commands/reasons.test.ts runs with the default.
    MACIE_REMEDIATE_REASON_REQUIRED: 'none',
    MACIE_REMEDIATE_SLACK_CHANNEL: CHANNEL.id,
    SLACK_BOT_TOKEN: SLACK_DEFAULTS.botToken,
    SLACK_API_URL: slack.apiUrl,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);

  const { slackIntervalMs } = options;
  const run = (
    args: readonly string[],
    extra: { env?: Record<string, string>; interactive?: boolean; tty?: boolean; factory?: RunOptions['factory'] } = {},
  ): Promise<CliRun> => {
    const factory = {
      ...(slackIntervalMs !== undefined ? { slackIntervalMs: () => slackIntervalMs } : {}),
      ...extra.factory,
    };
    return runCli(args, {
      env: { ...env, ...extra.env },
      cwd,
      ...(extra.interactive !== undefined ? { interactive: extra.interactive } : {}),
      ...(extra.tty !== undefined ? { tty: extra.tty } : {}),
      ...(Object.keys(factory).length > 0 ? { factory } : {}),
    });
  };

  const putObject = async (key: string, body = `name,card\nJane Doe,4111 1111 1111 1111\n${key}\n`) => {
    const put = await s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: body }));
    return { bucket: sourceBucket, key, versionId: put.VersionId ?? '', eTag: (put.ETag ?? '').replaceAll('"', '') };
  };

  /** A Macie finding for an object (that exists, or not), stored in the Macie stand-in. */
  const addFinding = (
    object: Pick<SeededObject, 'key'> & Partial<SeededObject>,
    type: SensitiveDataType = 'SensitiveData:S3Object/Financial',
    extra: { severity?: SeverityDescription; createdAt?: string; id?: string; accountId?: string } = {},
  ): MacieFindingJson => {
    const finding = makeFinding({
      bucket: object.bucket ?? sourceBucket,
      key: object.key,
      type,
      ...(object.eTag ? { eTag: object.eTag } : {}),
      ...(object.versionId ? { versionId: object.versionId } : {}),
      ...extra,
    });
    macie.add(finding);
    return finding;
  };

  /** `count` objects with a finding each, created a second apart (oldest first). */
  const seed = async (
    count: number,
    type: SensitiveDataType = 'SensitiveData:S3Object/Financial',
    options: { prefix?: string; severity?: SeverityDescription; start?: number } = {},
  ): Promise<MacieFindingJson[]> => {
    const start = options.start ?? Date.parse('2026-11-01T00:00:00Z');
    return mapConcurrent(
      Array.from({ length: count }, (_, i) => i),
      16,
      async (i) => {
        const object = await putObject(`${options.prefix ?? 'data'}/${String(i).padStart(5, '0')} record.csv`);
        return addFinding(object, type, {
          createdAt: new Date(start + i * 1000).toISOString(),
          ...(options.severity ? { severity: options.severity } : {}),
        });
      },
    );
  };

  const ledger = new DynamoDbLedger({ dynamo, tableName: table });

  return {
    s3,
    dynamo,
    ledger,
    macie,
    slack,
    sourceBucket,
    quarantineBucket,
    table,
    env,
    cwd,
    run,
    putObject,
    addFinding,
    seed,
    stop: async () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await macie.stop();
      await slack.stop();
      await dynalite?.stop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

type CliStack = Awaited<ReturnType<typeof startCliStack>>;

export type { CliStack, SeededObject };
export { CHANNEL, POLICY, startCliStack };
