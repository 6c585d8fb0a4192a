import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import { OrganizationsAccountNames } from '../../core/accounts/OrganizationsAccountNames';
import type { AccountReach } from '../../core/aws/account-clients';
import { awsClientConfig, dynamoClientConfig, s3ClientConfig } from '../../core/aws/aws-client-config';
import { MemberCredentials, memberRoleArn } from '../../core/aws/member-credentials';
import { buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { buildReconcileDeps } from '../../core/compose/reconcile-deps';
import { remediationHandlerOptions } from '../../core/compose/remediation-handler-options';
import { loadSettings } from '../../core/config';
import { createLedgerTable } from '../../core/ledger';
import { silentLogger, systemClock } from '../../core/logger';
import { MacieSuppressions } from '../../core/macie/MacieSuppressions';
import type { ReconcileReport } from '../../core/reconcile/reconcile';
import { InProcessDispatcher } from '../../core/remediation/InProcessDispatcher';
import type { RemediationDeps } from '../../core/remediation/RemediationDeps';
import type { Suppressions } from '../../core/types/ports';
import type { Clock, Logger } from '../../core/types/runtime';
import type { Settings } from '../../core/types/settings';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { createReconciler } from '../../lambda/factories/reconciler';
import { createRemediationHandler } from '../../lambda/factories/remediation-handler';
import { createRemediator } from '../../lambda/factories/remediator';
import { startRemediationApi } from '../api/RemediationApiServer';
import { FINDING_RULE_PATTERN } from '../events/finding-rule-pattern';
import { LocalEventBus } from '../events/LocalEventBus';
import { LocalSchedule } from '../events/LocalSchedule';
import { DEFAULT_ACCOUNT } from '../macie/finding-base';
import { MacieStandIn } from '../macie/MacieStandIn';
import { type MacieFindingEvent, toEventBridgeEvent } from '../macie/to-eventbridge-event';
import { OrganizationsStandIn } from '../organizations/OrganizationsStandIn';
import { SecurityHubStandIn } from '../securityhub/SecurityHubStandIn';
import { SlackStandIn } from '../slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../slack/slack-defaults';
import { startSlackPage } from '../slack-page/SlackPageServer';
import { StsStandIn } from '../sts/StsStandIn';
import { AutomatedDiscovery, type BucketReader } from './AutomatedDiscovery';
import { appendFinding, loadFindings } from './finding-journal';
import { type LocalUrls, localEnv } from './local-env';
import { LOCAL_NAMES } from './local-names';
import { S3SignerJournal } from './S3SignerJournal';
import { startDynalite } from './start-dynalite';
import { acceptKeyPair, startS3rver } from './start-s3rver';

type LocalPort = keyof LocalUrls;

interface LocalStackOptions {
  /** s3rver's objects and dynalite's tables live here, so they outlive a restart. */
  readonly stateDir: string;
  /** Fixed ports per service. @default free ports */
  readonly ports?: Partial<Record<LocalPort, number>>;
  /** Signs the Slack stand-in's clicks and verifies them at the remediation API. @default a random one */
  readonly signingSecret?: string;
  readonly clock?: Clock;
  /** Where the handlers log. @default nowhere */
  readonly logger?: Logger;
  /**
   * Macie publishes its findings to Security Hub (publishClassificationFindings), as the README asks of a
   * real account. @default true
   */
  readonly securityHubPublication?: boolean;
  /**
   * How often the reconciler runs by itself (the deployed stack's `reconcileSchedule`), in milliseconds.
   * @default never: only on demand (`reconcile()`, `POST urls.reconciler/run`), so a run's outcome is the caller's
   */
  readonly reconcileEveryMs?: number;
}

/** The member account of the local organisation: its bucket, and S3 signed with its member role. */
interface LocalMember {
  readonly account: string;
  readonly name: string;
  readonly bucket: string;
  readonly s3: S3Client;
}

interface LocalStack {
  /** Point any door at the stack with these (`local up` prints them). */
  readonly env: Readonly<Record<string, string>>;
  readonly urls: LocalUrls;
  readonly settings: Settings;
  readonly stateDir: string;
  /** Signed as the stand-ins' own account (the administrator's): its buckets, quarantine included. */
  readonly s3: S3Client;
  readonly member: LocalMember;
  /** Which account signed each S3 request, per bucket. */
  readonly s3Signers: S3SignerJournal;
  readonly sts: StsStandIn;
  readonly dynamo: DynamoDBClient;
  readonly deps: RemediationDeps;
  readonly macie: MacieStandIn;
  /** The Macie findings filters "Dismiss and suppress similar" made, read over the SDK as `list suppressions` does. */
  readonly suppressions: Suppressions;
  readonly securityHub: SecurityHubStandIn;
  readonly slack: SlackStandIn;
  readonly bus: LocalEventBus<MacieFindingEvent>;
  /** Runs the reconciler now (after a run under way), as its schedule would; resolves to its report. */
  reconcile(): Promise<ReconcileReport>;
  /**
   * Macie's discovery scans an object again, as its sampling does (a copy is no upload, so a restore alone
   * makes no new finding); resolves when its findings are published.
   */
  rescan(bucket: string, key: string): Promise<void>;
  /**
   * Resolves when every discovery scan, event delivery, reconciliation and remediator run started so far has
   * finished.
   */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole solution on loopback, in this process: S3 (s3rver) and DynamoDB (dynalite) under `stateDir`; STS,
 * which defines the member account's role and whose credentials S3 accepts as that account's; the Macie
 * stand-in, which discovers sensitive data in uploads at once (in the own and the member account's bucket)
 * and keeps its findings in `stateDir`; the Slack stand-in; an event bus that delivers Macie's findings to the finding handler; the remediation API
 * with the Lambda's own handler; the remediator run as an asynchronous invoke; and the channel page. Every
 * handler is the production factory over the production composition root.
 */
async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const ports = options.ports ?? {};
  const signingSecret = options.signingSecret ?? randomBytes(16).toString('hex');
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const { member, credentials } = LOCAL_NAMES;
    const sts = new StsStandIn({
      users: [{ ...credentials, arn: LOCAL_NAMES.user }],
      roles: [memberRoleArn(member.account, LOCAL_NAMES.memberRoleName)],
      clock,
      ...(ports.sts ? { port: ports.sts } : {}),
    });
    await sts.start();
    stops.push(() => sts.stop());
    const revokes: (() => void)[] = [];
    sts.on('issued', (issued) =>
      revokes.push(acceptKeyPair(issued.account, issued.accessKeyId, issued.secretAccessKey)),
    );
    stops.push(async () => {
      for (const revoke of revokes.splice(0)) revoke();
    });
    const s3Signers = new S3SignerJournal((accessKeyId) => sts.identify(accessKeyId)?.account);

    // Uploads go to discovery, which needs the S3 client made below; nobody knows the URL before then.
    let discovery: AutomatedDiscovery | undefined;
    const s3rver = await startS3rver({
      directory: join(options.stateDir, 's3'),
      buckets: [LOCAL_NAMES.sourceBucket, LOCAL_NAMES.quarantineBucket, member.bucket],
      onUpload: (bucket, key) => discovery?.objectUploaded(bucket, key),
      onRequest: (req) => s3Signers.record(req),
      ...(ports.s3 ? { port: ports.s3 } : {}),
    });
    stops.push(() => s3rver.stop());
    const dynalite = await startDynalite({
      path: join(options.stateDir, 'dynamodb'),
      ...(ports.dynamodb ? { port: ports.dynamodb } : {}),
    });
    stops.push(() => dynalite.stop());
    // Publishing sensitive-data findings on, as `status` asks of a real account with securityHub on.
    const macie = new MacieStandIn({
      clock,
      publishClassificationFindings: true,
      ...(ports.macie ? { port: ports.macie } : {}),
    });
    await macie.start();
    stops.push(() => macie.stop());
    const securityHub = new SecurityHubStandIn({
      clock,
      ...(ports.securityHub ? { port: ports.securityHub } : {}),
    });
    await securityHub.start();
    stops.push(() => securityHub.stop());
    const organizations = new OrganizationsStandIn({
      managementAccount: DEFAULT_ACCOUNT,
      accounts: [
        { id: DEFAULT_ACCOUNT, name: 'Security (admin)' },
        { id: member.account, name: member.name },
      ],
      ...(ports.organizations ? { port: ports.organizations } : {}),
    });
    await organizations.start();
    stops.push(() => organizations.stop());
    const slack = new SlackStandIn({ clock, signingSecret, ...(ports.slackApi ? { port: ports.slackApi } : {}) });
    await slack.start();
    stops.push(() => slack.stop());

    const partialUrls = {
      s3: s3rver.url,
      dynamodb: dynalite.url,
      macie: macie.url,
      securityHub: securityHub.url,
      sts: sts.url,
      organizations: organizations.url,
      slackApi: slack.apiUrl,
    };
    const slackEnv = { botToken: SLACK_DEFAULTS.botToken, signingSecret };
    const settings = loadSettings({
      env: localEnv({ ...partialUrls, remediationApi: '', slackPage: '', reconciler: '' }, slackEnv),
    });
    // Every S3 client the stack and its engine make: s3rver's endpoint, the given credentials (default: its own).
    const s3Clients: S3Client[] = [];
    const makeS3: AccountReach['s3'] = (overrides) => {
      const client = new S3Client({
        ...s3ClientConfig(settings, { AWS_ENDPOINT_URL_S3: s3rver.url }),
        endpoint: s3rver.url,
        credentials,
        ...overrides,
      });
      s3Clients.push(client);
      return client;
    };
    const stsClient = new STSClient({ ...awsClientConfig(settings), endpoint: sts.url, credentials });
    const reach: AccountReach = { sts: () => stsClient, s3: makeS3 };
    const s3 = makeS3({ region: LOCAL_NAMES.region });
    const memberCredentials = new MemberCredentials({ sts: reach.sts, roleName: LOCAL_NAMES.memberRoleName, clock });
    const memberS3 = makeS3({ region: LOCAL_NAMES.region, credentials: () => memberCredentials.get(member.account) });
    const dynamo = new DynamoDBClient({ ...dynamoClientConfig(settings), endpoint: dynalite.url, credentials });
    const hubClient = new SecurityHubClient({ ...awsClientConfig(settings), endpoint: securityHub.url, credentials });
    const macieClient = new Macie2Client({ ...awsClientConfig(settings), endpoint: macie.url, credentials });
    stops.push(async () => {
      for (const client of s3Clients.splice(0)) client.destroy();
      stsClient.destroy();
      dynamo.destroy();
      hubClient.destroy();
      macieClient.destroy();
    });
    await createLedgerTable(dynamo, LOCAL_NAMES.ledgerTable);

    // Asynchronous Lambda invokes of the remediator: answered at once, run afterwards, the job as JSON.
    const invokes = new InProcessDispatcher({
      run: (job) => remediator(JSON.parse(JSON.stringify(job))),
      background: true,
      onError: (job, err) => logger.error('remediator failed', { findingId: job.findingId, error: String(err) }),
    });
    const accountNames = new OrganizationsAccountNames({
      client: () => new OrganizationsClient({ ...awsClientConfig(settings), endpoint: organizations.url, credentials }),
      logger,
    });
    const suppressions = new MacieSuppressions({ client: macieClient });
    const { deps, notifier } = buildRemediationDeps({
      settings,
      s3,
      dynamo,
      securityHub: () => hubClient,
      accounts: reach,
      accountNames,
      dispatcher: invokes,
      suppressions,
      // s3rver keeps no tags sent with a copy. (The quarantine key comes with the settings, as local-env gives it.)
      engine: { copyDropsTags: true },
      clock,
      logger,
    });
    const remediator = createRemediator({ deps });

    const bus = new LocalEventBus<MacieFindingEvent>();
    bus.addRule({ name: 'macie-findings', pattern: FINDING_RULE_PATTERN, target: createFindingHandler({ deps }) });
    bus.on('failed', ({ event, error }) =>
      logger.error('finding delivery failed', { findingId: event.detail.id, error: String(error) }),
    );
    const journal = join(options.stateDir, 'macie-findings.jsonl');
    const publishes = options.securityHubPublication ?? true;
    const journaled = loadFindings(journal);
    macie.add(...journaled);
    if (publishes) for (const finding of journaled) securityHub.publish(finding);
    macie.on('finding', (finding) => {
      appendFinding(journal, finding);
      // Published before the event is delivered: the real delay is the reconciler's to cover, not the demo's.
      if (publishes) securityHub.publish(finding);
      bus.put(toEventBridgeEvent(finding));
    });
    const readers: Readonly<Record<string, BucketReader | undefined>> = {
      [LOCAL_NAMES.quarantineBucket]: undefined,
      [member.bucket]: { s3: memberS3, accountId: member.account },
    };
    const ownReader: BucketReader = { s3, accountId: DEFAULT_ACCOUNT };
    discovery = new AutomatedDiscovery({
      readerOf: (bucket) => (bucket in readers ? readers[bucket] : ownReader),
      macie,
      clock,
      logger,
    });
    const scans = discovery;

    // The reconciler over the same clients and remediator as the event path, composed as lambda/reconciler.ts does.
    const reconciler = createReconciler({
      deps: buildReconcileDeps({
        settings,
        dynamo,
        macie: macieClient,
        dispatcher: invokes,
        securityHub: () => hubClient,
        accountNames,
        ...(notifier ? { notifier } : {}),
        clock,
        logger,
      }),
    });
    let runs = 0;
    const schedule = new LocalSchedule<ReconcileReport>({
      name: 'reconcile',
      // A local run has no Lambda timeout: it always completes.
      target: () => reconciler({ id: `local-reconcile-${++runs}` }, () => Number.POSITIVE_INFINITY),
      onError: (error) => logger.error('reconcile failed', { error: String(error) }),
      ...(options.reconcileEveryMs ? { everyMs: options.reconcileEveryMs } : {}),
      ...(ports.reconciler ? { port: ports.reconciler } : {}),
    });
    await schedule.start();
    stops.push(() => schedule.stop());

    const handlerOptions = await remediationHandlerOptions({
      settings,
      deps,
      logger,
      ...(notifier ? { notifier } : {}),
    });
    const api = await startRemediationApi({
      handler: createRemediationHandler(handlerOptions),
      clock,
      ...(ports.remediationApi ? { port: ports.remediationApi } : {}),
    });
    stops.push(() => api.stop());
    slack.setInteractivityUrl(`${api.url}/slack/actions`);
    const page = await startSlackPage({
      slack,
      channel: LOCAL_NAMES.channel.id,
      ...(ports.slackPage ? { port: ports.slackPage } : {}),
    });
    stops.push(() => page.stop());

    const urls: LocalUrls = { ...partialUrls, remediationApi: api.url, slackPage: page.url, reconciler: schedule.url };
    const idle = async () => {
      await scans.idle();
      await bus.idle();
      await schedule.idle();
      await invokes.idle();
    };
    return {
      env: localEnv(urls, slackEnv),
      urls,
      settings,
      stateDir: options.stateDir,
      s3,
      member: { ...member, s3: memberS3 },
      s3Signers,
      sts,
      dynamo,
      deps,
      macie,
      suppressions,
      securityHub,
      slack,
      bus,
      reconcile: () => schedule.runNow(),
      rescan: async (bucket, key) => {
        scans.objectUploaded(bucket, key);
        await scans.idle();
      },
      idle,
      // Stop taking work first, let what runs finish, then close the services it uses.
      stop: async () => {
        await page.stop();
        await api.stop();
        await macie.stop();
        await schedule.stop();
        await idle();
        await securityHub.stop();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export type { LocalMember, LocalPort, LocalStack, LocalStackOptions };
export { startLocalStack };
