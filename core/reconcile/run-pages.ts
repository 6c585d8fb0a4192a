import type { FetchedFinding, FindingPage } from '../finding/macie-findings';
import { Slots } from './slots';

interface RunPagesOptions<R, P extends FindingPage = FindingPage> {
  readonly pages: AsyncIterable<P>;
  /** Findings handled at once, across page boundaries. */
  readonly concurrency: number;
  /** Once aborted, no new finding starts; those in flight finish. */
  readonly signal: AbortSignal;
  /** Handles one finding of `page`; reports failures as results, never throws. */
  readonly handle: (finding: FetchedFinding, page: P) => Promise<R>;
  /** After each finding; awaited, so a slow consumer (stdout in a pipe) holds the run back instead of filling memory. */
  readonly onResult: (result: R) => void | Promise<void>;
  /**
   * When a page and every page before it are done, in page order, with the token of the page after it
   * (absent after the last): the moment to write a checkpoint.
   */
  readonly onPageDone: (page: PageDone) => void;
}

/** A page every finding of which is done, as are all pages before it. */
interface PageDone {
  /** The token of the page after it; absent after the last. */
  readonly nextToken?: string;
  readonly size: number;
  readonly updatedThrough?: Date;
}

interface RunPagesOutcome {
  /** Every page was handled to the end. */
  readonly complete: boolean;
  /** Why the pages stopped coming (Macie failed after its retries), if they did. */
  readonly error?: unknown;
}

interface PageState {
  readonly done: PageDone;
  remaining: number;
  launched: boolean;
}

/**
 * Works through findings page by page with `concurrency` in flight, fetching the next page while the
 * current one is worked on; at most one page waits in memory, however many findings there are.
 */
async function runPages<R, P extends FindingPage = FindingPage>(
  options: RunPagesOptions<R, P>,
): Promise<RunPagesOutcome> {
  const slots = new Slots(options.concurrency);
  const open: PageState[] = [];
  let failure: unknown;
  let taskError: unknown;

  const settle = (): void => {
    while (open[0]?.launched && open[0].remaining === 0) {
      const page = open.shift() as PageState;
      options.onPageDone(page.done);
    }
  };

  const iterator = options.pages[Symbol.asyncIterator]();
  const fetchNext = () => {
    const promise = iterator.next();
    // A prefetch left behind by Ctrl-C must not fail as an unhandled rejection; awaited, it still throws.
    promise.catch(() => {});
    return promise;
  };
  let stopped = false;
  let lastLaunched = false;
  try {
    let next = fetchNext();
    while (!stopped && !lastLaunched) {
      const { value: page, done } = await next;
      if (done) {
        lastLaunched = true;
        break;
      }
      if (options.signal.aborted) break;
      if (page.nextToken) next = fetchNext(); // the next page arrives while this one is worked on
      const state: PageState = {
        done: {
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
          size: page.findings.length,
          ...(page.updatedThrough ? { updatedThrough: page.updatedThrough } : {}),
        },
        remaining: page.findings.length,
        launched: false,
      };
      open.push(state);
      for (const finding of page.findings) {
        await slots.acquire();
        if (options.signal.aborted || taskError !== undefined) {
          slots.release();
          stopped = true;
          break;
        }
        void (async () => {
          try {
            await options.onResult(await options.handle(finding, page));
            state.remaining--;
            settle();
          } catch (err) {
            taskError ??= err;
          } finally {
            slots.release();
          }
        })();
      }
      if (stopped) break;
      state.launched = true;
      lastLaunched = !page.nextToken;
      settle();
    }
  } catch (err) {
    failure = err;
  }
  await slots.idle();
  if (taskError !== undefined) throw taskError;
  return failure === undefined ? { complete: lastLaunched && open.length === 0 } : { complete: false, error: failure };
}

export type { PageDone, RunPagesOptions, RunPagesOutcome };
export { runPages };
