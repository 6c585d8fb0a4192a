import { InvalidInputError } from '../../core/errors';
import { resolveSensitiveDataType, shortTypeName } from '../../core/finding/finding-type';
import { LEDGER_STATES } from '../../core/ledger/finding-state';
import { SENSITIVE_DATA_TYPES, type SeverityDescription } from '../../core/types/finding';
import type { LedgerState } from '../../core/types/ledger';
import { parseTime } from './parse-time';

/** A ledger state, or NEW: a finding the ledger has no record of. */
type FindingStatus = LedgerState | 'NEW';

/** The selection flags as commander gives them (repeatable flags as arrays; commas also split). */
interface FilterOptions {
  readonly type?: readonly string[];
  readonly severity?: readonly string[];
  readonly bucket?: readonly string[];
  readonly account?: readonly string[];
  readonly since?: string;
  readonly until?: string;
  readonly status?: readonly string[];
  readonly includeArchived?: boolean;
}

/** Which findings a command works on, validated. Empty lists mean "any". */
interface FindingFilters {
  /** Full Macie type names. */
  readonly types: readonly string[];
  readonly severities: readonly SeverityDescription[];
  readonly buckets: readonly string[];
  /** 12-digit account ids: whose objects. */
  readonly accounts: readonly string[];
  /** Inclusive. */
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
  readonly statuses: readonly FindingStatus[];
  /** @default false: archived (suppressed) findings are left out, as the Macie console does */
  readonly includeArchived: boolean;
}

const SEVERITIES: readonly SeverityDescription[] = ['Low', 'Medium', 'High'];

const splitAll = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

const usage = (flag: string, message: string) => new InvalidInputError('USAGE', `${flag}: ${message}`, { field: flag });

function parseType(value: string): string {
  const type = resolveSensitiveDataType(value);
  if (!type) {
    const known = SENSITIVE_DATA_TYPES.map(shortTypeName).join(', ');
    throw usage('--type', `${JSON.stringify(value)} is not a sensitive-data finding type (${known}, or the full name)`);
  }
  return type;
}

/** An AWS account id is 12 digits: anything else is a typo, refused before any request. */
function parseAccount(value: string): string {
  if (!/^\d{12}$/.test(value))
    throw usage('--account', `${JSON.stringify(value)} is not an AWS account id (12 digits)`);
  return value;
}

/** `high` → High; `medium+` → Medium and High ("at least"). */
function parseSeverity(value: string): SeverityDescription[] {
  const atLeast = value.endsWith('+');
  const name = (atLeast ? value.slice(0, -1) : value).toLowerCase();
  const index = SEVERITIES.findIndex((s) => s.toLowerCase() === name);
  if (index < 0) {
    throw usage(
      '--severity',
      `${JSON.stringify(value)} is not a severity (Low, Medium, High; Medium+ = at least Medium)`,
    );
  }
  return atLeast ? SEVERITIES.slice(index) : [SEVERITIES[index] as SeverityDescription];
}

/** `awaiting-review`, `Awaiting_Review` → AWAITING_REVIEW; `new` → NEW. */
function parseStatus(value: string): FindingStatus {
  const wanted = value.toUpperCase().replace(/-/g, '_');
  const status = [...LEDGER_STATES, 'NEW' as const].find((s) => s === wanted);
  if (!status) {
    const known = [...LEDGER_STATES, 'NEW'].map((s) => s.toLowerCase()).join(', ');
    throw usage('--status', `${JSON.stringify(value)} is not a ledger state (${known})`);
  }
  return status;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** @throws InvalidInputError `USAGE` naming the flag whose value is wrong. */
function parseFindingFilters(options: FilterOptions, now: Date): FindingFilters {
  const since = options.since === undefined ? undefined : parseTime('--since', options.since, now);
  const until = options.until === undefined ? undefined : parseTime('--until', options.until, now);
  if (since && until && since >= until) {
    throw usage('--until', `must be later than --since (${since.toISOString()} is not before ${until.toISOString()})`);
  }
  return {
    types: unique(splitAll(options.type).map(parseType)),
    severities: SEVERITIES.filter((s) => splitAll(options.severity).flatMap(parseSeverity).includes(s)),
    buckets: unique(splitAll(options.bucket)),
    accounts: unique(splitAll(options.account).map(parseAccount)),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    statuses: unique(splitAll(options.status).map(parseStatus)),
    includeArchived: options.includeArchived ?? false,
  };
}

/** True when any filter narrows the selection (a bulk command refuses to run on "everything" by accident). */
function hasSelection(filters: FindingFilters): boolean {
  return (
    filters.types.length > 0 ||
    filters.severities.length > 0 ||
    filters.buckets.length > 0 ||
    filters.accounts.length > 0 ||
    filters.since !== undefined ||
    filters.until !== undefined ||
    filters.statuses.length > 0
  );
}

export type { FilterOptions, FindingFilters, FindingStatus };
export { hasSelection, parseFindingFilters };
