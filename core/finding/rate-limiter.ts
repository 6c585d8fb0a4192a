/** Waits `ms` milliseconds; injectable so the pacing logic is tested without time passing. */
type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces calls evenly at `perSecond` (no bursts): Macie publishes no request quota, and staying near
 * 5 requests/s keeps a long backfill clear of throttling; the SDK's adaptive retry handles the rest.
 */
class RateLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  #nextAt = Number.NEGATIVE_INFINITY;

  constructor(perSecond: number, options: { now?: () => number; sleep?: Sleep } = {}) {
    this.#intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the next call may go. */
  async take(): Promise<void> {
    const now = this.#now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + this.#intervalMs;
    if (at > now) await this.#sleep(at - now);
  }
}

/** Macie requests per second unless told otherwise (`backfill --macie-rate`). */
const DEFAULT_MACIE_RATE = 5;

/** A pace function for Macie calls: each call awaits its turn. */
function maciePace(perSecond: number = DEFAULT_MACIE_RATE): () => Promise<void> {
  const limiter = new RateLimiter(perSecond);
  return () => limiter.take();
}

export type { Sleep };
export { DEFAULT_MACIE_RATE, maciePace, RateLimiter };
