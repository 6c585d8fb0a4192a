import { RateLimiter } from '../../../core/finding/rate-limiter';

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
