import type { Macie2Client, SortCriteria } from '@aws-sdk/client-macie2';
import { RemediateError } from '../../core/errors';
import { type FetchedFinding, type FindingPage, fetchFindings, findingPages } from '../../core/finding/macie-findings';
import type { Finding } from '../../core/types/finding';
import type { LedgerRecord } from '../../core/types/ledger';
import type { Ledger } from '../../core/types/ports';
import { buildFindingCriteria } from './finding-criteria';
import type { FindingFilters, FindingStatus } from './finding-filters';

/** A finding a command works on: its ledger record when it has one, the finding itself when known. */
interface SelectedFinding {
  readonly id: string;
  readonly finding?: Finding;
  readonly record?: LedgerRecord;
}

interface SelectionSources {
  readonly macie: Macie2Client;
  /** Absent when no ledger is configured (`list findings` only): every status is unknown. */
  readonly ledger?: Pick<Ledger, 'getMany'>;
  readonly pace: () => Promise<void>;
}

const statusOf = (selected: SelectedFinding): FindingStatus => selected.record?.state ?? 'NEW';

/** The ledger's records of these findings, read together (BatchGetItem); none without a ledger. */
const recordsOf = async (ledger: SelectionSources['ledger'], ids: readonly string[]) =>
  ledger ? ledger.getMany(ids) : new Map<string, LedgerRecord>();

async function withRecord(
  ledger: SelectionSources['ledger'],
  findings: readonly Finding[],
): Promise<SelectedFinding[]> {
  const ids = findings.map((f) => f.id);
  const records = await recordsOf(ledger, ids);
  return findings.map((finding) => {
    const record = records.get(finding.id);
    return record ? { id: finding.id, finding, record } : { id: finding.id, finding };
  });
}

const parsed = (fetched: readonly FetchedFinding[]): Finding[] => fetched.flatMap((f) => (f.ok ? [f.finding] : []));

/**
 * Findings by id: the ledger's record first (it holds the finding as it arrived), Macie for the rest.
 * @throws RemediateError `FINDING_NOT_FOUND` (a user error) naming every id neither knows, before anything changes.
 */
async function selectByIds(sources: SelectionSources, ids: readonly string[]): Promise<SelectedFinding[]> {
  const unique = [...new Set(ids)];
  const known = await recordsOf(sources.ledger, unique);
  const records = unique.map((id) => known.get(id));
  const needMacie = unique.filter((_, i) => !records[i]?.finding);
  const fromMacie = new Map(
    (await fetchFindings(sources.macie, needMacie, sources.pace)).map((f) => [f.ok ? f.finding.id : f.id, f]),
  );
  const unknown = unique.filter((id, i) => !records[i] && !fromMacie.get(id)?.ok);
  if (unknown.length > 0) {
    const broken = unknown.map((id) => fromMacie.get(id)).find((f) => f && !f.ok);
    const why = broken && !broken.ok ? ` (${broken.id}: ${broken.reason})` : '';
    throw new RemediateError(
      'FINDING_NOT_FOUND',
      `${unknown.length === 1 ? 'finding' : 'findings'} ${unknown.join(', ')} not found in the ledger or in Macie${why}`,
      { source: 'user', ...(unknown.length === 1 ? { context: { findingId: unknown[0] } } : {}) },
    );
  }
  return unique.map((id, i): SelectedFinding => {
    const record = records[i];
    const fetched = fromMacie.get(id);
    const finding = record?.finding ?? (fetched?.ok ? fetched.finding : undefined);
    return { id, ...(finding ? { finding } : {}), ...(record ? { record } : {}) };
  });
}

interface FilterSelectionOptions {
  /** Findings Macie returns that do not parse. */
  readonly onUnreadable?: (id: string, reason: string) => void;
  /**
   * For a reader that takes every page (`remediate`): the next page is fetched while this one's records are
   * read, so the pages come sooner; a reader that stops early (`list findings --limit`) would fetch a page for
   * nothing. @default false
   */
  readonly readAhead?: boolean;
}

/**
 * Macie findings matching the filters, page by page, each with its ledger record; `--status` is
 * applied here, after fetching, since Macie knows nothing of the ledger.
 */
async function* selectByFilters(
  sources: SelectionSources,
  filters: FindingFilters,
  sort: SortCriteria,
  { onUnreadable = () => {}, readAhead = false }: FilterSelectionOptions = {},
): AsyncGenerator<SelectedFinding[]> {
  const criteria = buildFindingCriteria(filters);
  const pages = findingPages(sources.macie, { criteria, sort, pace: sources.pace, readAhead });
  const selectedOf = async (page: FindingPage): Promise<SelectedFinding[]> => {
    const selected = await withRecord(sources.ledger, parsed(page.findings));
    return filters.statuses.length > 0 ? selected.filter((s) => filters.statuses.includes(statusOf(s))) : selected;
  };
  let previous: Promise<SelectedFinding[]> | undefined;
  for await (const page of pages) {
    for (const f of page.findings) if (!f.ok) onUnreadable(f.id, f.reason);
    if (!readAhead) {
      yield await selectedOf(page);
      continue;
    }
    // This page's records are read while the loop asks for the next page; a failure is thrown in page order.
    const reading = selectedOf(page);
    reading.catch(() => {});
    if (previous) yield await previous;
    previous = reading;
  }
  if (previous) yield await previous;
}

export type { SelectedFinding, SelectionSources };
export { selectByFilters, selectByIds, statusOf };
