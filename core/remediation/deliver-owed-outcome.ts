import { isOutcomeState } from '../ledger/finding-state';
import type { LedgerRecord } from '../types/ledger';
import { OUTCOMES, type Outcome } from '../types/outcome';
import { announceOutcome } from './announce-outcome';
import type { WorkflowDeps } from './RemediationDeps';
import { jobKindOfOutcome } from './record-outcome';
import { resultFromRecord } from './result-from-record';

const isOutcome = (value: string | undefined): value is Outcome => OUTCOMES.some((outcome) => outcome === value);

/**
 * Sends the outcome message a Slack outage left owed, rebuilt from the ledger's last recorded outcome
 * (who, what, why), so a later delivery or backfill says what the remediator would have said.
 */
async function deliverOwedOutcome(deps: WorkflowDeps, record: LedgerRecord): Promise<boolean> {
  if (!record.notificationOwed || !isOutcomeState(record.state)) return false;
  const last = record.history.findLast((event) => isOutcome(event.outcome));
  const outcome = isOutcome(last?.outcome) ? last.outcome : resultFromRecord(record).outcome;
  const result = { ...resultFromRecord(record), outcome, ...(last?.detail ? { reason: last.detail } : {}) };
  const kind = last ? jobKindOfOutcome(last) : 'remediate';
  await announceOutcome(deps, record, result, last?.actor ?? 'auto', kind);
  return true;
}

export { deliverOwedOutcome };
