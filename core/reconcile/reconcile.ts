import type { SortCriteria } from '@aws-sdk/client-macie2';
import { sensitiveDataCriterion } from '../finding/sensitive-data-criterion';
import { resumeDelivery } from '../remediation/receive-finding';
import { resultFromRecord } from '../remediation/result-from-record';
import type { LedgerRecord } from '../types/ledger';
import type { Outcome, RemediationResult } from '../types/outcome';
import { backfillPages } from './backfill-pages';
import { OWING_STATES, owesDelivery } from './owes-delivery';
import type { ReconcileDeps } from './ReconcileDeps';

interface ReconcileOptions {
  /** Milliseconds this run may still take (the Lambda's remaining time). */
  readonly timeLeft: () => number;
  /** Stop taking new work below this many milliseconds left. @default RECONCILE_MARGIN_MS */
  readonly marginMs?: number;
  /** Findings handled at once. @default 4 */
  readonly concurrency?: number;
}

interface ReconcileReport {
  /** Every finding updated since the watermark was handled, and every record owing something was visited. */
  readonly complete: boolean;
  /** The Macie pass: findings per outcome, and how many the ledger did not know yet. */
  readonly findings: Partial<Record<Outcome, number>>;
  readonly fresh: number;
  readonly pages: number;
  /** The ledger pass: records whose owed message or interrupted job was taken up again, per outcome. */
  readonly repaired: Partial<Record<Outcome, number>>;
  /** Where the next run starts (ISO-8601), if anything was ever read. */
  readonly watermark?: string;
  /** Why the Macie pass stopped early (Macie failed after its retries), if it did. */
  readonly error?: string;
}

/**
 * Enough for the page that is in flight when the next one is declined, and the one fetched ahead of it
 * (50 findings, each at most a few Slack calls with their retries), before the Lambda is cut off.
 */
const RECONCILE_MARGIN_MS = 2 * 60 * 1000;

/**
 * How far back a first run looks (no watermark yet): findings from before the stack had its event rule
 * are `backfill`'s to take, by someone who chose to.
 */
const FIRST_RUN_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/** Oldest update first: the watermark moves forward page by page. */
const OLDEST_UPDATE_FIRST: SortCriteria = { attributeName: 'updatedAt', orderBy: 'ASC' };

const count = (counts: Partial<Record<Outcome, number>>, result: RemediationResult): void => {
  counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
};

/** One record's owed delivery; a failure is reported and the run goes on to the next record. */
async function repair(deps: ReconcileDeps, record: LedgerRecord): Promise<RemediationResult> {
  try {
    return await resumeDelivery(deps, record);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.logger.error('reconcile: repair failed', { findingId: record.findingId, error: reason });
    return { ...resultFromRecord(record), outcome: 'FAILED', reason };
  }
}

/**
 * One scheduled reconciliation: what the event path missed or left half done. Pages Macie's findings
 * updated since the watermark through `backfill`'s path (new ones decided, known ones deliver what they
 * owe), moving the watermark past each fully handled page; then takes up the ledger's records that still
 * owe a message or whose job died. Stops taking work when time runs short; the next run resumes.
 */
async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const margin = options.marginMs ?? RECONCILE_MARGIN_MS;
  const timeRemains = () => options.timeLeft() > margin;
  const stored = await deps.watermark.read();
  const from = stored ?? new Date(deps.clock().getTime() - FIRST_RUN_LOOKBACK_MS);
  let watermark = stored;
  const findings: Partial<Record<Outcome, number>> = {};
  let fresh = 0;
  let pages = 0;
  // Page completions arrive one by one; each advance waits for the one before, in page order.
  let advancing = Promise.resolve();

  const macie = timeRemains()
    ? await backfillPages({
        deps,
        macie: deps.macie,
        // `gte`: Macie's times are milliseconds, and findings of the same millisecond may straddle two
        // pages; the watermark's own findings are read again and, already in the ledger, add nothing.
        criteria: { criterion: { ...sensitiveDataCriterion(), updatedAt: { gte: from.getTime() } } },
        sort: OLDEST_UPDATE_FIRST,
        pace: deps.pace,
        concurrency: options.concurrency ?? 4,
        actor: 'auto',
        signal: new AbortController().signal,
        morePages: timeRemains,
        onResult: (item) => {
          count(findings, item.result);
          if (!item.seenBefore && item.result.outcome !== 'IGNORED') fresh++;
        },
        onPageDone: (page) => {
          pages++;
          const through = page.updatedThrough;
          if (!through) return;
          advancing = advancing.then(async () => {
            await deps.watermark.advance(through);
            if (!watermark || through > watermark) watermark = through;
          });
        },
      })
    : { complete: false };
  await advancing;
  if (macie.error !== undefined) {
    deps.logger.warn('reconcile: Macie pages stopped', { error: String(macie.error) });
  }

  const repaired: Partial<Record<Outcome, number>> = {};
  let ledgerDone = true;
  for await (const record of deps.ledger.query({ states: OWING_STATES })) {
    if (!timeRemains()) {
      ledgerDone = false;
      break;
    }
    if (!owesDelivery(deps, record)) continue;
    count(repaired, await repair(deps, record));
  }

  return {
    complete: macie.complete && ledgerDone,
    findings,
    fresh,
    pages,
    repaired,
    ...(watermark ? { watermark: watermark.toISOString() } : {}),
    ...(macie.error !== undefined
      ? { error: macie.error instanceof Error ? macie.error.message : String(macie.error) }
      : {}),
  };
}

export type { ReconcileOptions, ReconcileReport };
export { FIRST_RUN_LOOKBACK_MS, RECONCILE_MARGIN_MS, reconcile };
