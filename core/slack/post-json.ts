import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchFunction } from '@slack/web-api';
import { backoffMs, type SlackRetryOptions } from './retry-options';
import { networkReason, safeCode, slackFailed } from './slack-failure';

interface PostJsonOptions {
  readonly fetch: FetchFunction;
  readonly retry: SlackRetryOptions;
  readonly timeoutMs: number;
  /** Names the target in errors ("incoming webhook", "response_url"): the URL itself is a secret. */
  readonly what: string;
}

type Attempt =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly retryAfterMs?: number; readonly retryable: boolean };

/** Incoming webhooks answer `ok`; response_url answers `{"ok":true}` or `{"ok":false,"error":"expired_url"}`. */
function readAnswer(status: number, body: string): Attempt {
  let error: string | undefined;
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && (json as { ok?: unknown }).ok === false) {
      error = safeCode((json as { error?: unknown }).error) ?? 'error';
    }
  } catch {
    // plain-text answer: "ok", or an error code such as "invalid_payload" / "no_service"
    if (status >= 300) error = safeCode(body.trim());
  }
  if (status >= 200 && status < 300 && error === undefined) return { ok: true };
  const reason = `HTTP ${status}${error ? ` (${error})` : ''}`;
  return { ok: false, reason, retryable: status >= 500 };
}

function retryAfterMs(header: string | null): number | undefined {
  const seconds = header === null ? Number.NaN : Number.parseInt(header, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

async function attempt(url: string, body: string, options: PostJsonOptions): Promise<Attempt> {
  try {
    const res = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await res.text();
    if (res.status === 429) {
      return {
        ok: false,
        reason: 'HTTP 429 (rate limited)',
        retryable: true,
        retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
      };
    }
    return readAnswer(res.status, text);
  } catch (err) {
    // Never the error's message: Node puts the URL (a secret for webhooks) into some of them.
    return { ok: false, reason: networkReason(err), retryable: true };
  }
}

/**
 * POSTs a JSON message to an incoming webhook or a response_url, retrying 5xx, 429 (after Retry-After) and
 * network errors. Throws RemediateError('SLACK_FAILED') naming `what` and the status, never the URL.
 */
async function postJson(url: string, payload: unknown, options: PostJsonOptions): Promise<void> {
  const body = JSON.stringify(payload);
  for (let n = 0; ; n++) {
    const result = await attempt(url, body, options);
    if (result.ok) return;
    if (!result.retryable || n >= options.retry.retries) {
      const tries = n + 1;
      throw slackFailed(options.what, tries > 1 ? `${result.reason} after ${tries} attempts` : result.reason);
    }
    await sleep(result.retryAfterMs ?? backoffMs(options.retry, n));
  }
}

export type { PostJsonOptions };
export { postJson };
