import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type BuildRemediationDepsOptions, buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { loadSettings } from '../../core/config';
import { createLedgerTable } from '../../core/ledger/create-ledger-table';
import { SlackNotifier } from '../../core/slack/SlackNotifier';
import type { Settings } from '../../core/types/settings';
import { SlackStandIn } from '../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { motoDynamo, motoS3, uniqueName } from './aws';
import { buildFindingEvent, FIXTURE_ACCOUNT, type FindingOverrides, type MacieFindingEvent } from './fixtures';

const CHANNEL = { id: 'C0FINDINGS1', name: 'macie-findings' };
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';

/** A settable clock: Slack's signatures and response URLs, the ledger and the messages all follow it. */
function testClock(start = new Date('2026-11-27T12:00:00.000Z')) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, { advance: (ms: number) => (now += ms) });
}

interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly eTag: string;
}

/**
 * What the deployed pipeline talks to, on the test machine: S3 and DynamoDB on moto, Slack on the stand-in
 * (over HTTP, through the real WebClient). Settings come from the same variables the Lambdas get.
 */
async function startLiveStack(
  options: {
    readonly clock?: ReturnType<typeof testClock>;
    /** Another moto than the shared one: a suite's per-credentials moto (member accounts), or a proxy in front of it. */
    readonly endpoint?: string;
  } = {},
) {
  const clock = options.clock ?? testClock();
  const s3: S3Client = motoS3(options.endpoint);
  const dynamo: DynamoDBClient = motoDynamo(options.endpoint);
  const slack = new SlackStandIn({ clock, channels: [CHANNEL] });
  await slack.start();
  // Where a deployed API would be; tests that build clicks hand them to the handler themselves.
  slack.setInteractivityUrl('https://api.example/slack/actions');
  const sourceBucket = uniqueName('source');
  const quarantineBucket = uniqueName('quarantine');
  const table = uniqueName('ledger');
  await s3.send(new CreateBucketCommand({ Bucket: sourceBucket }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: sourceBucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  // As infra/QuarantineBucket.ts creates it: Object Lock (which versions it) without default retention, for legal holds.
  await s3.send(new CreateBucketCommand({ Bucket: quarantineBucket, ObjectLockEnabledForBucket: true }));
  await createLedgerTable(dynamo, table, { pollMs: 10 });

  /** The setting variables infra/Functions.ts gives the functions, plus Slack's own; `''` in `extra` unsets one. */
  const env = (extra: Readonly<Record<string, string>> = {}): Record<string, string> =>
    Object.fromEntries(Object.entries(allEnv(extra)).filter(([, value]) => value !== ''));
  const allEnv = (extra: Readonly<Record<string, string>>): Record<string, string> => ({
    MACIE_REMEDIATE_ACCOUNT_ID: FIXTURE_ACCOUNT,
    MACIE_REMEDIATE_QUARANTINE_BUCKET: quarantineBucket,
    MACIE_REMEDIATE_LEDGER_TABLE: table,
    MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: JSON.stringify({
      'SensitiveData:S3Object/Financial': 'AUTO',
      'SensitiveData:S3Object/Personal': 'REVIEW',
      'SensitiveData:S3Object/Credentials': 'AUTO',
      'SensitiveData:S3Object/CustomIdentifier': 'IGNORE',
      'SensitiveData:S3Object/Multiple': 'REVIEW',
    }),
    MACIE_REMEDIATE_SLACK_CHANNEL: CHANNEL.id,
    MACIE_REMEDIATE_SLACK_APPROVERS: ALICE,
    SLACK_BOT_TOKEN: SLACK_DEFAULTS.botToken,
    SLACK_SIGNING_SECRET: SLACK_DEFAULTS.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ...extra,
  });
  const settings = (extra?: Readonly<Record<string, string>>): Settings => loadSettings({ env: env(extra) });

  /** A notifier that gives up quickly: tests of Slack outages must not wait out production backoff. */
  const quickNotifier = (s: Settings) =>
    new SlackNotifier({
      ...(s.slack.botToken ? { botToken: s.slack.botToken } : {}),
      ...(s.slack.webhookUrl ? { webhookUrl: s.slack.webhookUrl } : {}),
      channel: s.slackChannel,
      slackApiUrl: s.slackApiUrl,
      clock,
      retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });

  /** The shared composition root over this stack; `env` adds or overrides setting variables. */
  const compose = (
    extra: Partial<Omit<BuildRemediationDepsOptions, 'settings' | 's3' | 'dynamo'>> & {
      readonly env?: Readonly<Record<string, string>>;
    } = {},
  ) => {
    const { env: extraEnv, ...rest } = extra;
    const s = settings(extraEnv);
    const built = buildRemediationDeps({ settings: s, s3, dynamo, clock, notifier: quickNotifier(s), ...rest });
    return { ...built, settings: s };
  };

  const putObject = async (key: string, body = 'card 4111 1111 1111 1111'): Promise<StoredObject> => {
    const put = await s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: body }));
    return { bucket: sourceBucket, key, versionId: put.VersionId ?? '', eTag: (put.ETag ?? '').replaceAll('"', '') };
  };

  /** The sample event of `type`, naming an object that really exists. */
  const findingEvent = (type: string, object: StoredObject, overrides: FindingOverrides = {}): MacieFindingEvent =>
    buildFindingEvent({ type, ...object, createdAt: clock().toISOString(), ...overrides });

  return {
    clock,
    s3,
    dynamo,
    slack,
    sourceBucket,
    quarantineBucket,
    table,
    env,
    settings,
    compose,
    putObject,
    findingEvent,
    stop: () => slack.stop(),
  };
}

type LiveStack = Awaited<ReturnType<typeof startLiveStack>>;

export type { LiveStack, StoredObject };
export { ALICE, BOB, CHANNEL, startLiveStack, testClock };
