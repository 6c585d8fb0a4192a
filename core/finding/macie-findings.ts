import {
  type FindingCriteria,
  GetFindingStatisticsCommand,
  GetFindingsCommand,
  ListFindingsCommand,
  type Macie2Client,
  type Finding as MacieFinding,
  type SortCriteria,
} from '@aws-sdk/client-macie2';
import type { Finding } from '../types/finding';
import { safeParseFinding } from './parse-finding';

/** Macie's GetFindings takes at most 50 ids; ListFindings pages are kept to the same size. */
const MACIE_PAGE_SIZE = 50;

/** A finding as read from Macie: parsed, or the reason it could not be. */
type FetchedFinding =
  | { readonly ok: true; readonly finding: Finding }
  | { readonly ok: false; readonly id: string; readonly reason: string };

interface FindingPage {
  readonly findings: readonly FetchedFinding[];
  /** Where the next page starts; absent after the last page. */
  readonly nextToken?: string;
  /** The latest `updatedAt` among the page's findings (the reconciler's watermark); absent for an empty page. */
  readonly updatedThrough?: Date;
}

interface FindingPagesOptions {
  readonly criteria: FindingCriteria;
  readonly sort: SortCriteria;
  /** Continue from here (a backfill checkpoint). */
  readonly startToken?: string;
  /** Awaited before every Macie request. */
  readonly pace: () => Promise<void>;
  /**
   * Ask for the next page's ids while this page's findings are read and handled: a page sooner, and one
   * ListFindings more when the reader stops early. @default false: a page is asked for only when the reader
   * wants it (backfill's time box, its checkpoints and Ctrl-C)
   */
  readonly readAhead?: boolean;
}

/** GetFindings for up to 50 ids, in the order given; ids Macie no longer has are left out. */
async function getFindings(
  macie: Macie2Client,
  ids: readonly string[],
  pace: () => Promise<void>,
): Promise<MacieFinding[]> {
  await pace();
  const { findings = [] } = await macie.send(new GetFindingsCommand({ findingIds: [...ids] }));
  const byId = new Map(findings.map((f) => [f.id ?? '', f]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const parsed = (raw: MacieFinding): FetchedFinding => {
  const read = safeParseFinding(raw);
  return read.success
    ? { ok: true, finding: read.finding }
    : { ok: false, id: raw.id ?? '', reason: read.error.message };
};

const latestUpdate = (findings: readonly MacieFinding[]): Date | undefined =>
  findings.reduce<Date | undefined>(
    (latest, f) => (f.updatedAt && !(latest && latest >= f.updatedAt) ? f.updatedAt : latest),
    undefined,
  );

async function describeFindings(
  macie: Macie2Client,
  ids: readonly string[],
  pace: () => Promise<void>,
): Promise<FetchedFinding[]> {
  return (await getFindings(macie, ids, pace)).map(parsed);
}

/**
 * Macie findings matching `criteria`, one page at a time (ListFindings, then GetFindings for its ids):
 * a caller that handles each page before asking for the next holds one page in memory, however many
 * findings match.
 */
async function* findingPages(macie: Macie2Client, options: FindingPagesOptions): AsyncGenerator<FindingPage> {
  const list = async (nextToken: string | undefined) => {
    await options.pace();
    return macie.send(
      new ListFindingsCommand({
        findingCriteria: options.criteria,
        sortCriteria: options.sort,
        maxResults: MACIE_PAGE_SIZE,
        nextToken,
      }),
    );
  };
  let listing = list(options.startToken);
  for (;;) {
    const listed = await listing;
    const ids = listed.findingIds ?? [];
    const nextToken = listed.nextToken || undefined;
    if (nextToken && options.readAhead) {
      listing = list(nextToken);
      // Its failure is the next page's, thrown when that page is wanted; a reader that stops first never sees it.
      listing.catch(() => {});
    }
    const raw = ids.length > 0 ? await getFindings(macie, ids, options.pace) : [];
    const updatedThrough = latestUpdate(raw);
    yield {
      findings: raw.map(parsed),
      ...(nextToken ? { nextToken } : {}),
      ...(updatedThrough ? { updatedThrough } : {}),
    };
    if (!nextToken) return;
    if (!options.readAhead) listing = list(nextToken);
  }
}

/** GetFindings for any number of ids, 50 at a time. */
async function fetchFindings(
  macie: Macie2Client,
  ids: readonly string[],
  pace: () => Promise<void>,
): Promise<FetchedFinding[]> {
  const fetched: FetchedFinding[] = [];
  for (let i = 0; i < ids.length; i += MACIE_PAGE_SIZE) {
    fetched.push(...(await describeFindings(macie, ids.slice(i, i + MACIE_PAGE_SIZE), pace)));
  }
  return fetched;
}

/** How many findings match (GetFindingStatistics), for a progress bar's total. */
async function countFindings(
  macie: Macie2Client,
  criteria: FindingCriteria,
  pace: () => Promise<void>,
): Promise<number> {
  await pace();
  const { countsByGroup = [] } = await macie.send(
    new GetFindingStatisticsCommand({ findingCriteria: criteria, groupBy: 'severity.description' }),
  );
  return countsByGroup.reduce((sum, group) => sum + (group.count ?? 0), 0);
}

export type { FetchedFinding, FindingPage, FindingPagesOptions };
export { countFindings, fetchFindings, findingPages, MACIE_PAGE_SIZE };
