import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigError } from '../errors';
import { DynamoDbLedger } from '../ledger';
import { silentLogger, systemClock } from '../logger';
import { QuarantineEngine } from '../quarantine';
import { InProcessDispatcher } from '../remediation/InProcessDispatcher';
import type { Dispatcher, LeaseProbe } from '../remediation/ports';
import type { RemediationDeps } from '../remediation/RemediationDeps';
import { runJob } from '../remediation/run-job';
import type { SlackRetryOptions } from '../slack/retry-options';
import { SlackAnnouncer } from '../slack/SlackAnnouncer';
import { SlackNotifier } from '../slack/SlackNotifier';
import type { Notifier } from '../types/ports';
import type { Clock, Logger } from '../types/runtime';
import type { Settings } from '../types/settings';

interface BuildRemediationDepsOptions {
  readonly settings: Settings;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  /** Where jobs go. @default run in this process (awaited, or in the background with `background`) */
  readonly dispatcher?: Dispatcher;
  /** Run in-process jobs after answering, like an asynchronous Lambda invoke. @default false */
  readonly background?: boolean;
  /** @default a SlackNotifier from the settings' credentials, or none when there are none */
  readonly notifier?: Notifier;
  /**
   * How long that SlackNotifier may keep trying: a Slack click's handler must answer within 3 seconds.
   * @default DEFAULT_SLACK_RETRY and DEFAULT_SLACK_TIMEOUT_MS
   */
  readonly slack?: { readonly retry?: SlackRetryOptions; readonly timeoutMs?: number };
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The CLI's process liveness check for leases. @default leases expire, nothing more */
  readonly leaseProbe?: LeaseProbe;
  /** Engine tuning (tests exercise multipart copies with small objects). */
  readonly engine?: {
    readonly multipartThresholdBytes?: number;
    readonly partSizeBytes?: number;
    readonly kmsKeyId?: string;
  };
}

/** The composition root every door shares: settings and clients in, the workflows' dependencies out. */
function buildRemediationDeps(options: BuildRemediationDepsOptions): {
  deps: RemediationDeps;
  inProcess?: InProcessDispatcher;
  /** The Notifier behind the announcer: the interactivity door sends its ephemeral replies through it. */
  notifier?: Notifier;
} {
  const { settings } = options;
  const problems = [
    ...(settings.quarantineBucket
      ? []
      : [
          'quarantine bucket is not set: deploy the stack, or use --quarantine-bucket or MACIE_REMEDIATE_QUARANTINE_BUCKET',
        ]),
    ...(settings.ledgerTable
      ? []
      : ['ledger table is not set: deploy the stack, or use --ledger-table or MACIE_REMEDIATE_LEDGER_TABLE']),
  ];
  if (!settings.quarantineBucket || !settings.ledgerTable) throw new ConfigError(problems);

  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const notifier = options.notifier ?? notifierFrom(settings, clock, logger, options.slack);
  const inProcess = options.dispatcher
    ? undefined
    : new InProcessDispatcher({
        run: (job) => runJob(deps, job),
        background: options.background ?? false,
        onError: (job, err) => logger.error('job failed', { findingId: job.findingId, error: String(err) }),
      });
  const deps: RemediationDeps = {
    ledger: new DynamoDbLedger({ dynamo: options.dynamo, tableName: settings.ledgerTable, clock, logger }),
    quarantine: new QuarantineEngine({
      s3: options.s3,
      quarantineBucket: settings.quarantineBucket,
      clock,
      logger,
      ...options.engine,
    }),
    policy: {
      autoRemediateConfig: settings.autoRemediateConfig,
      minSeverity: settings.minSeverity,
      sourceBuckets: settings.sourceBuckets,
    },
    ...(notifier
      ? { announcer: new SlackAnnouncer({ notifier, quarantineBucket: settings.quarantineBucket, clock }) }
      : {}),
    dispatcher: options.dispatcher ?? (inProcess as InProcessDispatcher),
    clock,
    logger,
    ...(options.leaseProbe ? { leaseProbe: options.leaseProbe } : {}),
  };
  return { deps, ...(inProcess ? { inProcess } : {}), ...(notifier ? { notifier } : {}) };
}

function notifierFrom(
  settings: Settings,
  clock: Clock,
  logger: Logger,
  budget: BuildRemediationDepsOptions['slack'] = {},
): Notifier | undefined {
  const { botToken, webhookUrl } = settings.slack;
  if (!botToken && !webhookUrl) return undefined;
  return new SlackNotifier({
    ...(botToken ? { botToken } : {}),
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(settings.slackChannel ? { channel: settings.slackChannel } : {}),
    slackApiUrl: settings.slackApiUrl,
    clock,
    logger,
    ...budget,
  });
}

export type { BuildRemediationDepsOptions };
export { buildRemediationDeps };
