import type { Sleep } from '../types/ports';

/** Slack's posting rate per channel (chat.postMessage): about one message a second. */
const SLACK_CHANNEL_INTERVAL_MS = 1000;

interface ChannelPacerOptions {
  /** Least time between the end of one call to a channel and the start of the next. */
  readonly intervalMs: number;
  /** A monotonic time in ms. @default performance.now */
  readonly now?: () => number;
  /** @default setTimeout */
  readonly sleep?: Sleep;
}

/**
 * Slack accepts about one message per second per channel, and answers bursts with 429s. The posts of one
 * process to one channel take turns, in order, each starting at least `intervalMs` after the last ended.
 * Concurrent Lambdas each have their own pacer: across them, the review flood threshold bounds the burst,
 * and the Web API client honours Retry-After.
 */
class ChannelPacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #lastEnded = new Map<string, number>();

  constructor(options: ChannelPacerOptions) {
    this.#intervalMs = options.intervalMs;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs `call` in `channel`'s turn; its failure is the caller's alone, the next turn goes ahead. */
  paced<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(channel) ?? Promise.resolve();
    const turn = before.then(async () => {
      const last = this.#lastEnded.get(channel);
      const wait = last === undefined ? 0 : last + this.#intervalMs - this.#now();
      if (wait > 0) await this.#sleep(wait);
      try {
        return await call();
      } finally {
        this.#lastEnded.set(channel, this.#now());
      }
    });
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(channel, settled);
    // The last turn forgets its queue, so an idle channel holds no promise chain.
    void settled.then(() => {
      if (this.#queues.get(channel) === settled) this.#queues.delete(channel);
    });
    return turn;
  }
}

export type { ChannelPacerOptions };
export { ChannelPacer, SLACK_CHANNEL_INTERVAL_MS };
