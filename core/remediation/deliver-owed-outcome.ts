import type { LedgerRecord, LedgerState } from '../types/ledger';
import { OUTCOMES, type Outcome } from '../types/outcome';
import { announceOutcome } from './announce-outcome';
import type { WorkflowDeps } from './RemediationDeps';
import { resultFromRecord } from './result-from-record';

/** States a run ends in: their outcome message is what a Slack outage left owed. */
const OUTCOME_STATES: readonly LedgerState[] = ['QUARANTINED', 'FAILED', 'RESTORED'];

const isOutcome = (value: string | undefined): value is Outcome => OUTCOMES.some((outcome) => outcome === value);

/**
 * Sends the outcome message a Slack outage left owed, rebuilt from the ledger's last recorded outcome
 * (who, what, why), so a later delivery or backfill says what the remediator would have said.
 */
async function deliverOwedOutcome(deps: WorkflowDeps, record: LedgerRecord): Promise<boolean> {
  if (!record.notificationOwed || !OUTCOME_STATES.includes(record.state)) return false;
  const last = record.history.findLast((event) => isOutcome(event.outcome));
  const outcome = isOutcome(last?.outcome) ? last.outcome : resultFromRecord(record).outcome;
  const result = { ...resultFromRecord(record), outcome, ...(last?.detail ? { reason: last.detail } : {}) };
  await announceOutcome(deps, record, result, last?.actor ?? 'auto');
  return true;
}

export { deliverOwedOutcome };
