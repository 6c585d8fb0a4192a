import { RemediateError } from '../errors';

/** Slack's error codes and Node's errno codes are safe to show; free text from a response is not. */
const SAFE_CODE = /^[A-Za-z_]{1,60}$/;

const prop = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const safeCode = (value: unknown): string | undefined =>
  typeof value === 'string' && SAFE_CODE.test(value) ? value : undefined;

/** A fetch failure (or the client's wrapper around one) in words: its errno code, or a timeout. */
function networkReason(err: unknown): string {
  const original = prop(err, 'original') ?? err;
  const code = safeCode(prop(prop(original, 'cause'), 'code'));
  if (code) return `network error (${code})`;
  return prop(original, 'name') === 'TimeoutError' ? 'timed out' : 'network error';
}

/** Why a Web API call failed, in words that hold no token, URL or response body. */
function describeWebApiError(err: unknown): string {
  switch (prop(err, 'code')) {
    case 'slack_webapi_platform_error':
      return safeCode(prop(prop(err, 'data'), 'error')) ?? 'platform error';
    case 'slack_webapi_http_error':
      return `HTTP ${String(prop(err, 'statusCode'))}`;
    case 'slack_webapi_rate_limited_error':
      return `rate limited (retry after ${String(prop(err, 'retryAfter'))} s)`;
    case 'slack_webapi_request_error':
      return networkReason(err);
    default:
      // After the last 429 retry the client throws a plain Error naming the rate limit.
      return err instanceof Error && /rate limit/i.test(err.message) ? 'rate limited' : 'unexpected error';
  }
}

/** Slack's answers that refuse the token itself: a retry cannot help, a working token must be set. */
const REFUSED_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'token_expired',
  'token_revoked',
  'account_inactive',
  'not_allowed_token_type',
]);

/** Slack's error code when `err` (SLACK_FAILED from callWebApi, or the client's own error) refuses the token. */
function refusedTokenCode(err: unknown): string | undefined {
  const data = prop(prop(err, 'cause') ?? err, 'data');
  const code = safeCode(prop(data, 'error'));
  return code && REFUSED_TOKEN.has(code) ? code : undefined;
}

/** SLACK_FAILED for one call; `what` names the call (a method name or "incoming webhook"), never its URL. */
const slackFailed = (what: string, reason: string, cause?: unknown): RemediateError =>
  new RemediateError('SLACK_FAILED', `Slack ${what} failed: ${reason}`, cause === undefined ? {} : { cause });

export { describeWebApiError, networkReason, refusedTokenCode, safeCode, slackFailed };
