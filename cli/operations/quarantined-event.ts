import type { LedgerEvent, LedgerRecord } from '../../core/types/ledger';

/** The event that put the finding's object into quarantine (the latest, after a restore and a second move). */
const quarantinedEvent = (record: LedgerRecord): LedgerEvent | undefined =>
  record.history.findLast((event) => event.action === 'quarantined');

export { quarantinedEvent };
