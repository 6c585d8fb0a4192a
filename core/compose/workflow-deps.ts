import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigError } from '../errors';
import { DynamoDbLedger } from '../ledger/DynamoDbLedger';
import { silentLogger, systemClock } from '../logger';
import type { WorkflowDeps } from '../remediation/RemediationDeps';
import { SLACK_CHANNEL_INTERVAL_MS } from '../slack/channel-pacer';
import type { SlackRetryOptions } from '../slack/retry-options';
import { SlackAnnouncer } from '../slack/SlackAnnouncer';
import { SlackNotifier } from '../slack/SlackNotifier';
import type { AccountNames, LeaseProbe, Notifier, OwnAccount } from '../types/ports';
import type { Clock, Logger } from '../types/runtime';
import type { Settings } from '../types/settings';

/** What every door hands the composition root: settings, the ledger's client, and what it overrides. */
interface ComposeOptions {
  readonly settings: Settings;
  readonly dynamo: DynamoDBClient;
  /** @default a SlackNotifier from the settings' credentials, or none when there are none */
  readonly notifier?: Notifier;
  /**
   * How long that SlackNotifier may keep trying: a Slack click's handler must answer within 3 seconds. `intervalMs`
   * spaces its posts to one channel: a test of many posts against the Slack stand-in spaces them less.
   * @default DEFAULT_SLACK_RETRY, DEFAULT_SLACK_TIMEOUT_MS and SLACK_CHANNEL_INTERVAL_MS (Slack's rate)
   */
  readonly slack?: { readonly retry?: SlackRetryOptions; readonly timeoutMs?: number; readonly intervalMs?: number };
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * How to learn the own account when the settings do not name it (the CLI asks STS).
   * @default the settings' `accountId`, else a configuration error when a finding needs it
   */
  readonly ownAccount?: OwnAccount;
  /** Names of other accounts for the records of their findings. @default AWS Organizations (OrganizationsAccountNames) */
  readonly accountNames?: AccountNames;
  /** The CLI's process liveness check for leases. @default leases expire, nothing more */
  readonly leaseProbe?: LeaseProbe;
}

/** A workflow's dependencies, and the Notifier behind its announcer (the click door's ephemeral replies use it). */
interface Composed<Deps> {
  readonly deps: Deps;
  readonly notifier?: Notifier;
}

/**
 * The part every workflow shares: the ledger, Slack (when configured), clock and logger. Both stores must be
 * named even by the doors that never move anything: the announcer's messages name the quarantine bucket.
 * @throws ConfigError listing every store that is not set.
 */
function buildWorkflowDeps(options: ComposeOptions): Composed<WorkflowDeps> & { readonly quarantineBucket: string } {
  const { settings } = options;
  const { quarantineBucket, ledgerTable } = settings;
  if (!quarantineBucket || !ledgerTable) {
    throw new ConfigError([
      ...(quarantineBucket
        ? []
        : [
            'quarantine bucket is not set: deploy the stack, or use --quarantine-bucket or MACIE_REMEDIATE_QUARANTINE_BUCKET',
          ]),
      ...(ledgerTable
        ? []
        : ['ledger table is not set: deploy the stack, or use --ledger-table or MACIE_REMEDIATE_LEDGER_TABLE']),
    ]);
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const notifier = options.notifier ?? notifierFrom(settings, clock, logger, options.slack);
  const deps: WorkflowDeps = {
    ledger: new DynamoDbLedger({ dynamo: options.dynamo, tableName: ledgerTable, clock, logger }),
    ...(notifier
      ? {
          announcer: new SlackAnnouncer({
            notifier,
            quarantineBucket,
            destination: settings.slackChannel ?? '',
            clock,
          }),
        }
      : {}),
    clock,
    logger,
    restoreApprovals: settings.restoreApprovals,
    ...(options.leaseProbe ? { leaseProbe: options.leaseProbe } : {}),
  };
  return { deps, quarantineBucket, ...(notifier ? { notifier } : {}) };
}

function notifierFrom(
  settings: Settings,
  clock: Clock,
  logger: Logger,
  { intervalMs = SLACK_CHANNEL_INTERVAL_MS, ...budget }: ComposeOptions['slack'] = {},
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
    pace: { intervalMs },
    ...budget,
  });
}

export type { Composed, ComposeOptions };
export { buildWorkflowDeps };
