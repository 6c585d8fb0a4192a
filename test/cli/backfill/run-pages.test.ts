import type { FetchedFinding, FindingPage } from '../../../core/finding/macie-findings';
import { runPages } from '../../../core/reconcile/run-pages';

const fetched = (id: string): FetchedFinding => ({ ok: false, id, reason: 'test' });

/** Pages of ids; `failAt` makes fetching that page throw (Macie down after its retries). */
async function* pagesOf(pages: readonly string[][], failAt?: number): AsyncGenerator<FindingPage> {
  for (const [n, ids] of pages.entries()) {
    if (n === failAt) throw new Error('Macie: InternalServerException');
    await new Promise((r) => setImmediate(r));
    const nextToken = n < pages.length - 1 ? `token-${n + 1}` : undefined;
    yield { findings: ids.map(fetched), ...(nextToken ? { nextToken } : {}) };
  }
}

const id = (f: FetchedFinding): string => (f.ok ? f.finding.id : f.id);

describe('Function: runPages', () => {
  it('handles every finding and reports pages done in page order, even when they finish out of order', async () => {
    // Prepare: page 0's first finding is the slowest of all
    const pages = [['a1', 'a2'], ['b1', 'b2', 'b3'], [], ['d1']];
    const done: string[] = [];
    const handled: string[] = [];

    // Act
    const outcome = await runPages({
      pages: pagesOf(pages),
      concurrency: 3,
      signal: new AbortController().signal,
      handle: async (f) => {
        const wait = id(f) === 'a1' ? 20 : 1;
        for (let i = 0; i < wait; i++) await new Promise((r) => setImmediate(r));
        return id(f);
      },
      onResult: (r) => void handled.push(r),
      onPageDone: (page) => void done.push(`${page.nextToken ?? 'end'}:${page.size}`),
    });

    // Assess
    expect(outcome).toEqual({ complete: true });
    expect(handled.sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'd1']);
    expect(done).toEqual(['token-1:2', 'token-2:3', 'token-3:0', 'end:1']);
  });

  it('after an abort starts nothing new, finishes what is in flight, and reports no page it did not finish', async () => {
    // Prepare
    const controller = new AbortController();
    const done: string[] = [];
    const handled: string[] = [];

    // Act: the third finding aborts the run
    const outcome = await runPages({
      pages: pagesOf([
        ['a1', 'a2'],
        ['b1', 'b2'],
        ['c1', 'c2'],
      ]),
      concurrency: 1,
      signal: controller.signal,
      handle: async (f) => {
        if (id(f) === 'b1') controller.abort();
        return id(f);
      },
      onResult: (r) => void handled.push(r),
      onPageDone: (page) => void done.push(page.nextToken ?? 'end'),
    });

    // Assess
    expect(outcome).toEqual({ complete: false });
    expect(handled).toEqual(['a1', 'a2', 'b1']);
    expect(done).toEqual(['token-1']);
  });

  it('stops at a page Macie cannot give, with the error, after finishing the pages before it', async () => {
    // Prepare
    const done: string[] = [];

    // Act
    const outcome = await runPages({
      pages: pagesOf([['a1'], ['b1'], ['c1']], 2),
      concurrency: 4,
      signal: new AbortController().signal,
      handle: async (f) => id(f),
      onResult: () => {},
      onPageDone: (page) => void done.push(page.nextToken ?? 'end'),
    });

    // Assess
    expect(outcome.complete).toBe(false);
    expect(String(outcome.error)).toContain('InternalServerException');
    expect(done).toEqual(['token-1', 'token-2']);
  });

  it('fetches at most two pages ahead of the oldest page not yet done, however many there are', async () => {
    // Prepare: count pages fetched ahead of the findings handled
    let fetchedPages = 0;
    let maxAhead = 0;
    let handledPages = 0;
    async function* counted(): AsyncGenerator<FindingPage> {
      for (let n = 0; n < 6; n++) {
        fetchedPages++;
        maxAhead = Math.max(maxAhead, fetchedPages - handledPages);
        yield { findings: [fetched(`p${n}-1`), fetched(`p${n}-2`)], ...(n < 5 ? { nextToken: `t${n + 1}` } : {}) };
      }
    }

    // Act
    await runPages({
      pages: counted(),
      concurrency: 2,
      signal: new AbortController().signal,
      handle: async (f) => {
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        return id(f);
      },
      onResult: () => {},
      onPageDone: () => {
        handledPages++;
      },
    });

    // Assess
    expect(maxAhead).toBeLessThanOrEqual(3);
    expect(handledPages).toBe(6);
  });
});
