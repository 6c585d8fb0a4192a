import type { LedgerRecord } from '../types/ledger';

/**
 * Why a restore of this finding is refused before anything moves: its copy is on legal hold, which S3
 * would enforce only at the delete, after the copy back (a half-done restore). Undefined: not held.
 */
function legalHoldRefusal(record: LedgerRecord): string | undefined {
  const hold = record.legalHold;
  return hold && `on legal hold since ${hold.at} by ${hold.by}; release it first`;
}

export { legalHoldRefusal };
