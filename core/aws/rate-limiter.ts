/** Waits `ms` milliseconds; injectable so the pacing logic is tested without time passing. */
type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Paces calls at `perSecond` on average, letting up to `burst` go at once after a quiet spell: a token bucket,
 * the shape of AWS's own throttling (Macie's calls here, Security Hub's in core/securityhub). A short run of a
 * few calls waits for nothing; a long one settles at the rate.
 */
class RateLimiter {
  readonly #intervalMs: number;
  /** How far ahead of now the schedule may run: the burst's calls beyond the first. */
  readonly #aheadMs: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  /** When the schedule's next call is due, were every call spaced by the interval. */
  #dueAt = Number.NEGATIVE_INFINITY;

  constructor(perSecond: number, options: { burst?: number; now?: () => number; sleep?: Sleep } = {}) {
    this.#intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
    this.#aheadMs = this.#intervalMs * (Math.max(1, options.burst ?? 1) - 1);
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the next call may go. */
  async take(): Promise<void> {
    const now = this.#now();
    const due = Math.max(now, this.#dueAt);
    this.#dueAt = due + this.#intervalMs;
    const wait = due - this.#aheadMs - now;
    if (wait > 0) await this.#sleep(wait);
  }
}

/** Macie requests per second unless told otherwise (`backfill --macie-rate`). */
const DEFAULT_MACIE_RATE = 5;
/** Macie requests that may go at once after a quiet spell: two seconds' worth at the rate. */
const macieBurst = (perSecond: number): number => Math.max(1, Math.round(perSecond * 2));

/**
 * A pace function for Macie calls: each call awaits its turn. Macie publishes no request quota; staying near 5
 * requests/s keeps a long backfill clear of throttling, and the SDK's adaptive retry handles the rest.
 */
function maciePace(perSecond: number = DEFAULT_MACIE_RATE): () => Promise<void> {
  const limiter = new RateLimiter(perSecond, { burst: macieBurst(perSecond) });
  return () => limiter.take();
}

export type { Sleep };
export { DEFAULT_MACIE_RATE, maciePace, RateLimiter };
