import type { LedgerRecord } from '../types/ledger';
import type { Outcome, RemediationResult } from '../types/outcome';

/** The outcome a ledger state stands for, when a run finds the work already done. */
const OUTCOME_OF_STATE: Readonly<Record<LedgerRecord['state'], Outcome>> = {
  IGNORED: 'IGNORED',
  AWAITING_REVIEW: 'NOTIFIED',
  REMEDIATING: 'PLANNED',
  QUARANTINED: 'ALREADY_QUARANTINED',
  DISMISSED: 'DISMISSED',
  RESTORING: 'PLANNED',
  RESTORED: 'RESTORED',
  FAILED: 'FAILED',
  LINKED: 'NOTIFIED',
};

function resultFromRecord(record: LedgerRecord): RemediationResult {
  const { bucket, key, versionId } = record.source;
  return {
    findingId: record.findingId,
    outcome: OUTCOME_OF_STATE[record.state],
    source: { bucket, key, ...(versionId ? { versionId } : {}) },
    ...(record.quarantine ? { quarantine: record.quarantine } : {}),
  };
}

export { resultFromRecord };
