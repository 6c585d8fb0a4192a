import type { LedgerRecord } from '../types/ledger';
import type { Announcer } from '../types/ports';
import { type Delivery, deliverOrOwe, type Recipient } from './deliver-or-owe';
import type { WorkflowDeps } from './RemediationDeps';

const SLACK: Recipient = {
  owedFlag: 'notificationOwed',
  failure: 'SLACK_FAILED',
  owed: 'notification-owed',
  delivered: 'notification-delivered',
  label: 'Slack notification',
};

/**
 * Runs one Slack announcement. Slack being down must never undo or block a remediation, so a
 * SLACK_FAILED error is recorded on the ledger as an owed notification and swallowed; a later run
 * (the next delivery, `backfill`, or the next state change) delivers it.
 */
async function announceSafely<T>(
  deps: WorkflowDeps,
  record: LedgerRecord,
  announce: (announcer: Announcer) => Promise<T>,
): Promise<Delivery<T>> {
  const { announcer } = deps;
  if (!announcer) return { delivered: false, reason: 'Slack is not configured' };
  return deliverOrOwe(deps, record, SLACK, () => announce(announcer));
}

export { announceSafely };
