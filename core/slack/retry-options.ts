/** How Slack calls are retried on 5xx, 429 (after Retry-After) and network errors. Tests pass small values. */
interface SlackRetryOptions {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
}

/** A handful of quick retries: a click's handler has seconds, not minutes. */
const DEFAULT_SLACK_RETRY: SlackRetryOptions = { retries: 3, minTimeoutMs: 500, maxTimeoutMs: 4000 };

/** Per-request timeout. */
const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

/** Exponential backoff before retry number `attempt` (0-based). */
const backoffMs = (retry: SlackRetryOptions, attempt: number): number =>
  Math.min(retry.maxTimeoutMs, retry.minTimeoutMs * 2 ** attempt);

export type { SlackRetryOptions };
export { backoffMs, DEFAULT_SLACK_RETRY, DEFAULT_SLACK_TIMEOUT_MS };
