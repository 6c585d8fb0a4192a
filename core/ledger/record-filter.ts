import { InvalidInputError } from '../errors';
import type { LedgerRecord, LedgerState } from '../types/ledger';
import type { LedgerQuery } from '../types/ports';

/** A {@link LedgerQuery} with its bounds as canonical ISO strings, comparable with `createdAt`. */
interface RecordFilter {
  readonly states?: readonly LedgerState[];
  /** Inclusive. */
  readonly since?: string;
  /** Exclusive, so consecutive windows neither overlap nor leave gaps. */
  readonly until?: string;
}

/**
 * Records store `createdAt` as `Date.toISOString()`, which orders lexicographically; a bound such as
 * `2026-01-31` or `...+02:00` is brought to the same form first, so both ledgers compare strings alike.
 * @throws InvalidInputError `USAGE` for a bound that is not a date.
 */
function recordFilter(query: LedgerQuery = {}): RecordFilter {
  return {
    ...(query.states && query.states.length > 0 ? { states: query.states } : {}),
    ...(query.since !== undefined ? { since: canonicalInstant('since', query.since) } : {}),
    ...(query.until !== undefined ? { until: canonicalInstant('until', query.until) } : {}),
  };
}

function canonicalInstant(field: 'since' | 'until', value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInputError(
      'USAGE',
      `--${field} must be an ISO-8601 date or date-time (got ${JSON.stringify(value)})`,
      {
        field,
      },
    );
  }
  return date.toISOString();
}

function matchesFilter(record: LedgerRecord, filter: RecordFilter): boolean {
  if (filter.states && !filter.states.includes(record.state)) return false;
  if (filter.since !== undefined && record.createdAt < filter.since) return false;
  if (filter.until !== undefined && record.createdAt >= filter.until) return false;
  return true;
}

export type { RecordFilter };
export { matchesFilter, recordFilter };
