import type { FindingCriteria, Macie2Client, SortCriteria } from '@aws-sdk/client-macie2';
import { type FindingPage, findingPages } from '../finding/macie-findings';
import { objectLocation } from '../finding/object-identity';
import type { FindingDeps } from '../remediation/RemediationDeps';
import type { ListedRestores } from '../remediation/receive-finding';
import { type BackfillItem, backfillFinding } from './backfill-finding';
import { type PageDone, runPages } from './run-pages';

interface BackfillPagesOptions {
  readonly deps: FindingDeps;
  readonly macie: Macie2Client;
  /** The ListFindings criteria and sort, exactly as sent. */
  readonly criteria: FindingCriteria;
  readonly sort: SortCriteria;
  /** Continue from here (a checkpoint's page). */
  readonly startToken?: string;
  /** Awaited before every Macie request. */
  readonly pace: () => Promise<void>;
  /** Findings handled at once, across page boundaries. */
  readonly concurrency: number;
  /** Who the history names for what this run records. */
  readonly actor: string;
  readonly dryRun?: boolean;
  /** Once aborted, no new finding starts; those in flight finish. */
  readonly signal: AbortSignal;
  /** Asked before each further page is requested: false takes no more (a time box). @default always true */
  readonly morePages?: () => boolean;
  readonly onResult: (item: BackfillItem) => void | Promise<void>;
  /** When a page and every one before it are done, in page order: where a run may resume. */
  readonly onPageDone: (page: PageDone) => void;
}

/** A page of findings, and the restores of their objects when they could be read. */
type ListedPage = FindingPage & { readonly restores?: ListedRestores };

interface BackfillPagesOutcome {
  /** Every matching finding was handled. */
  readonly complete: boolean;
  /** Why the pages stopped coming (Macie failed after its retries), if they did. */
  readonly error?: unknown;
}

/**
 * Macie findings matching a query, each through the live pipeline's path (backfillFinding), page by
 * page: the one loop behind `backfill` and the reconciler.
 */
async function backfillPages(options: BackfillPagesOptions): Promise<BackfillPagesOutcome> {
  const { deps, actor, dryRun = false, morePages = () => true } = options;
  let cutShort = false;
  const pages = findingPages(options.macie, {
    criteria: options.criteria,
    sort: options.sort,
    ...(options.startToken ? { startToken: options.startToken } : {}),
    pace: options.pace,
  });
  // Each page with its objects' restores, read once it is listed (core/remediation/receive-finding).
  async function* asAllowed(): AsyncGenerator<ListedPage> {
    for await (const page of pages) {
      yield dryRun ? page : { ...page, restores: await listedRestores(deps, page) };
      if (page.nextToken && !morePages()) {
        cutShort = true;
        return;
      }
    }
  }
  const outcome = await runPages({
    pages: asAllowed(),
    concurrency: options.concurrency,
    signal: options.signal,
    handle: (fetched, page) => backfillFinding(deps, fetched, actor, dryRun, page.restores),
    onResult: options.onResult,
    onPageDone: options.onPageDone,
  });
  return cutShort ? { ...outcome, complete: false } : outcome;
}

/**
 * The restores of a page's objects in one read; none if that read fails, so each finding reads its own (and
 * fails on its own if the ledger is down).
 */
async function listedRestores(deps: FindingDeps, page: FindingPage): Promise<ListedRestores | undefined> {
  const locations = page.findings.flatMap((fetched) =>
    fetched.ok && fetched.finding.object ? [objectLocation(fetched.finding)] : [],
  );
  if (locations.length === 0) return undefined;
  return deps.ledger.restoredObjects(locations).catch((err: unknown) => {
    deps.logger.warn('the restores of a page could not be read: each finding reads its own', {
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  });
}

export type { BackfillPagesOptions, BackfillPagesOutcome };
export { backfillPages };
