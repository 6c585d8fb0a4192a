import { runBulk } from '../../../cli/bulk/run-bulk';
import { gate } from '../../support/gate';

describe('Function: runBulk', () => {
  it('keeps at most `concurrency` items in flight and returns results in input order', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);

    // Act
    const run = await runBulk(items, { concurrency: 4 }, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return i * 10;
    });

    // Assess
    expect(peak).toBe(4);
    expect(run).toEqual({ results: items.map((i) => i * 10), notStarted: 0 });
  });

  it('after an abort starts nothing new, lets the items in flight finish, and counts the rest', async () => {
    // Prepare
    const controller = new AbortController();
    const gates = Array.from({ length: 10 }, gate);
    const started: number[] = [];
    const done: number[] = [];

    // Act: item 2 aborts the run as it finishes, while item 3 is in flight
    const running = runBulk(
      gates.map((_, i) => i),
      { concurrency: 2, signal: controller.signal, onDone: (i: number) => done.push(i) },
      async (i) => {
        started.push(i);
        await gates[i]?.opened;
        if (i === 2) controller.abort();
        return i;
      },
    );
    for (const i of [0, 1, 2]) {
      gates[i]?.open();
      await new Promise((r) => setImmediate(r));
    }
    gates[3]?.open();
    const run = await running;

    // Assess
    expect(started).toEqual([0, 1, 2, 3]);
    expect(run.results).toEqual([0, 1, 2, 3]);
    expect(run.notStarted).toBe(6);
    expect(done.sort()).toEqual([0, 1, 2, 3]);
  });

  it('stops starting items after an exception and throws it once the others settle', async () => {
    // Prepare
    const started: number[] = [];

    // Act
    const running = runBulk([0, 1, 2, 3, 4, 5], { concurrency: 2 }, async (i) => {
      started.push(i);
      await new Promise((r) => setImmediate(r));
      if (i === 1) throw new Error('bug');
      return i;
    });

    // Assess
    await expect(running).rejects.toThrow('bug');
    expect(started.length).toBeLessThan(6);
  });
});
