import { type FetchFunction, LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { Logger } from '../types/runtime';
import { DEFAULT_SLACK_RETRY, DEFAULT_SLACK_TIMEOUT_MS, type SlackRetryOptions } from './retry-options';

interface WebClientFactoryOptions {
  readonly botToken: string;
  /** @default 'https://slack.com/api/' */
  readonly slackApiUrl?: string;
  readonly logger: Logger;
  readonly retry?: SlackRetryOptions;
  readonly fetch?: FetchFunction;
  readonly timeoutMs?: number;
}

/**
 * The client's own logger, forwarded to ours at warn and error only: its debug lines carry request bodies,
 * and by default it would write to the console, which the core never does.
 */
function toSlackLogger(logger: Logger): SlackLogger {
  const join = (msg: unknown[]): string => msg.map(String).join(' ');
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => logger.warn(`slack web-api: ${join(msg)}`),
    error: (...msg: unknown[]) => logger.error(`slack web-api: ${join(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * A WebClient that retries 5xx and network errors with our backoff and waits out 429 Retry-After
 * (`rejectRateLimitedCalls: false`), and never follows a method name to another host.
 */
function createWebClient(options: WebClientFactoryOptions): WebClient {
  const retry = options.retry ?? DEFAULT_SLACK_RETRY;
  return new WebClient(options.botToken, {
    slackApiUrl: options.slackApiUrl,
    logger: toSlackLogger(options.logger),
    retryConfig: {
      retries: retry.retries,
      minTimeout: retry.minTimeoutMs,
      maxTimeout: retry.maxTimeoutMs,
      factor: 2,
      randomize: false,
    },
    rejectRateLimitedCalls: false,
    timeout: options.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    allowAbsoluteUrls: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type { WebClientFactoryOptions };
export { createWebClient };
