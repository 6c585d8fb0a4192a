import { isOutcomeState } from '../ledger/finding-state';
import { isInterrupted } from '../remediation/finding-lease';
import type { WorkflowDeps } from '../remediation/RemediationDeps';
import type { LedgerRecord, LedgerState } from '../types/ledger';

/** The states a record can owe something in: a review message, an outcome message, a job that died. */
const OWING_STATES: readonly LedgerState[] = [
  'AWAITING_REVIEW',
  'REMEDIATING',
  'RESTORING',
  'QUARANTINED',
  'FAILED',
  'RESTORED',
];

/**
 * How long after its last write a record's missing message is left to the door that is sending it: a
 * finding handler between recording a finding and noting its Slack message must not be announced twice.
 */
const SETTLE_MS = 5 * 60 * 1000;

/**
 * Whether the reconciler should finish what a record's door left undone: a move or restore whose run
 * died (its lease expired), a Slack message owed (or never sent) and not just being sent, or a Security Hub
 * update owed.
 */
function owesDelivery(deps: WorkflowDeps, record: LedgerRecord): boolean {
  if (isInterrupted(deps, record)) return true;
  const settled = Date.parse(record.updatedAt) <= deps.clock().getTime() - SETTLE_MS;
  if (!settled) return false;
  if (record.securityHubOwed === true && deps.findingsHub) return true;
  if (!deps.announcer) return false;
  if (record.state === 'AWAITING_REVIEW') return !record.slack || record.notificationOwed === true;
  return record.notificationOwed === true && isOutcomeState(record.state);
}

export { OWING_STATES, owesDelivery, SETTLE_MS };
