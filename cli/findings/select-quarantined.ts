import { RemediateError } from '../../core/errors';
import { recordAccount } from '../../core/finding/object-identity';
import { IN_QUARANTINE } from '../../core/ledger/finding-state';
import { mapConcurrent } from '../../core/quarantine/map-concurrent';
import { LANDED_EVENTS } from '../../core/remediation/remediation-actions';
import type { LedgerEvent, LedgerRecord } from '../../core/types/ledger';
import type { Ledger } from '../../core/types/ports';
import type { FindingFilters } from './finding-filters';

/** The event that put the finding's object into quarantine (the latest, after a restore and a second move). */
const REMEDIATED_EVENTS: readonly string[] = Object.values(LANDED_EVENTS);

/** The event that remediated the object: `quarantined`, or `sealed` / `tagged` (core/remediation/remediation-actions). */
const quarantinedEvent = (record: LedgerRecord): LedgerEvent | undefined =>
  record.history.findLast((event) => REMEDIATED_EVENTS.includes(event.action));

/** Whether a quarantined record matches the filters; `since`/`until` bound when it was quarantined. */
function matches(record: LedgerRecord, filters: FindingFilters): boolean {
  const at = quarantinedEvent(record)?.at;
  return (
    (filters.buckets.length === 0 || filters.buckets.includes(record.source.bucket)) &&
    (filters.accounts.length === 0 || filters.accounts.includes(recordAccount(record) ?? '')) &&
    (filters.types.length === 0 || filters.types.includes(record.findingType)) &&
    (filters.severities.length === 0 || (filters.severities as readonly string[]).includes(record.severity)) &&
    (!filters.since || (at !== undefined && at >= filters.since.toISOString())) &&
    (!filters.until || (at !== undefined && at < filters.until.toISOString()))
  );
}

/**
 * What is in quarantine now, from the ledger (the CLI user may not list the locked-down bucket), newest
 * first; with the restores under way, so a rerun finishes those a killed run left (the plan decides).
 */
async function selectQuarantined(ledger: Ledger, filters: FindingFilters): Promise<LedgerRecord[]> {
  const records: LedgerRecord[] = [];
  for await (const record of ledger.query({ states: IN_QUARANTINE })) {
    if (matches(record, filters)) records.push(record);
  }
  const at = (r: LedgerRecord): string => quarantinedEvent(r)?.at ?? r.updatedAt;
  return records.sort((a, b) => at(b).localeCompare(at(a)) || a.findingId.localeCompare(b.findingId));
}

/**
 * Ledger records by finding id.
 * @throws RemediateError `FINDING_NOT_FOUND` (a user error) naming every id the ledger does not know.
 */
async function recordsByIds(
  ledger: Ledger,
  ids: readonly string[],
  unknownNote = 'nothing of theirs was ever quarantined',
): Promise<LedgerRecord[]> {
  const unique = [...new Set(ids)];
  const records = await mapConcurrent(unique, 16, (id) => ledger.get(id));
  const unknown = unique.filter((_, i) => !records[i]);
  if (unknown.length > 0) {
    throw new RemediateError(
      'FINDING_NOT_FOUND',
      `${unknown.length === 1 ? 'finding' : 'findings'} ${unknown.join(', ')} not found in the ledger (${unknownNote})`,
      { source: 'user' },
    );
  }
  return records.filter((r): r is LedgerRecord => r !== undefined);
}

export { quarantinedEvent, recordsByIds, selectQuarantined };
