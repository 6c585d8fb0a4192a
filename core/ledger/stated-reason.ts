import type { LedgerRecord } from '../types/ledger';

/**
 * The reason a person gave for the record's latest decision: on its last request (`*-requested`) or job
 * outcome, whichever came later. Later notes (a delivery owed, a suppression) carry none and are passed over.
 */
function statedReason(record: LedgerRecord): string | undefined {
  const decision = record.history.findLast(
    (event) => event.outcome !== undefined || event.action.endsWith('-requested'),
  );
  return decision?.reason;
}

export { statedReason };
