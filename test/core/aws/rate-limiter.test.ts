import { RateLimiter } from '../../../core/aws/rate-limiter';

describe('Class: RateLimiter', () => {
  it('spaces calls evenly at the rate, without a burst, and lets a call go at once after a pause', async () => {
    // Prepare: a clock that only moves when the limiter sleeps
    let now = 1000;
    const sleeps: number[] = [];
    const limiter = new RateLimiter(5, {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });

    // Act
    for (let i = 0; i < 4; i++) await limiter.take();
    now += 10_000;
    await limiter.take();

    // Assess
    expect(sleeps).toEqual([200, 200, 200]);
  });

  it('lets a burst go at once after a quiet spell, then settles at the rate', async () => {
    // Prepare: a clock that only moves when the limiter sleeps, or when the test says so
    let now = 0;
    const sleeps: number[] = [];
    const limiter = new RateLimiter(5, {
      burst: 3,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });

    // Act: six calls back to back; then quiet for a second (5 turns' worth), then four more
    for (let i = 0; i < 6; i++) await limiter.take();
    const afterFirstRun = [...sleeps];
    now += 1000;
    for (let i = 0; i < 4; i++) await limiter.take();

    // Assess: three at once, then one each 200 ms; after the pause the burst is whole again, and no more
    expect(afterFirstRun).toEqual([200, 200, 200]);
    expect(sleeps.slice(afterFirstRun.length)).toEqual([200]);
  });

  it('hands out turns in order to concurrent callers', async () => {
    // Prepare
    const now = 0;
    const waited: number[] = [];
    const limiter = new RateLimiter(10, { now: () => now, sleep: async (ms) => void waited.push(ms) });

    // Act
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);

    // Assess
    expect(waited).toEqual([100, 200]);
  });
});
