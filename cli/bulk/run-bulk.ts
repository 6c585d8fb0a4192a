interface BulkOptions<R> {
  readonly concurrency: number;
  /** Once aborted, no new item starts; the items in flight finish. */
  readonly signal?: AbortSignal;
  /** After each item, in completion order (progress bars). */
  readonly onDone?: (result: R) => void;
}

interface BulkRun<R> {
  /** In input order; only the items that ran. */
  readonly results: readonly R[];
  /** How many never started because the run was aborted. */
  readonly notStarted: number;
}

/**
 * Runs `work` over `items`, `concurrency` at a time. `work` reports expected failures as results; an
 * exception is a bug: no new item starts, and it is thrown once the items in flight settle.
 */
async function runBulk<T, R>(
  items: readonly T[],
  options: BulkOptions<R>,
  work: (item: T) => Promise<R>,
): Promise<BulkRun<R>> {
  const results: (R | undefined)[] = new Array(items.length);
  let next = 0;
  let broken = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !options.signal?.aborted && !broken) {
      const index = next++;
      try {
        const result = await work(items[index] as T);
        results[index] = result;
        options.onDone?.(result);
      } catch (err) {
        broken = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker);
  const failure = (await Promise.allSettled(workers)).find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return { results: results.filter((r): r is R => r !== undefined), notStarted: items.length - next };
}

export type { BulkOptions, BulkRun };
export { runBulk };
