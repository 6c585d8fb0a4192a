import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, RemediateError } from '../errors';

/** Headers as Node, API Gateway v1 (multi-value) and v2 hand them over; names in any case. */
type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

interface VerifySlackRequestOptions {
  /** The app's signing secret; an empty one is a configuration error, not a bad request. */
  readonly signingSecret: string;
  /** The body exactly as received (after base64 decoding), before any parsing. */
  readonly rawBody: string;
  readonly headers: RequestHeaders;
  /** Now, in epoch milliseconds (injected so tests and replays are deterministic). */
  readonly nowMs: number;
}

/** Slack's replay window: a request older or newer than this is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const SIGNATURE_VERSION = 'v0';

const unverified = (reason: string): RemediateError =>
  new RemediateError('REQUEST_UNVERIFIED', `Slack request not verified: ${reason}`, { source: 'user' });

function assertSigningSecret(signingSecret: string): void {
  if (signingSecret.length === 0) {
    throw new ConfigError(['Slack signing secret is empty: set signingSecret in the Slack secret']);
  }
}

/** Case-insensitive single-value header lookup; a repeated header is ambiguous and counts as missing. */
function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual throws on different lengths; the length itself is no secret.
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a Slack request signature (https://api.slack.com/authentication/verifying-requests-from-slack).
 * Run it on the raw body before parsing anything. Throws RemediateError('REQUEST_UNVERIFIED') on any failure,
 * and ConfigError when the signing secret is empty.
 */
function verifySlackRequest(options: VerifySlackRequestOptions): void {
  const { signingSecret, rawBody, headers, nowMs } = options;
  assertSigningSecret(signingSecret);

  // 1. Both headers are present (looked up case-insensitively).
  const timestamp = headerValue(headers, 'x-slack-request-timestamp');
  const signature = headerValue(headers, 'x-slack-signature');
  if (timestamp === undefined) throw unverified('missing X-Slack-Request-Timestamp header');
  if (signature === undefined) throw unverified('missing X-Slack-Signature header');

  // 2. The timestamp is an integer within five minutes of now, either way (replay protection).
  if (!/^\d{1,15}$/.test(timestamp)) throw unverified('timestamp is not an integer');
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    throw unverified('timestamp is more than 5 minutes from now');
  }

  // 3. The signature uses the only version Slack defines.
  const [version] = signature.split('=', 1);
  if (version !== SIGNATURE_VERSION) throw unverified('unknown signature version');

  // 4. HMAC-SHA256 over `v0:{timestamp}:{body}`, compared in constant time.
  const expected = `${SIGNATURE_VERSION}=${createHmac('sha256', signingSecret)
    .update(`${SIGNATURE_VERSION}:${timestamp}:${rawBody}`, 'utf8')
    .digest('hex')}`;
  if (!sameSecret(signature, expected)) throw unverified('signature mismatch');
}

/** The boolean twin: false for an unverified request. A configuration error (empty secret) still throws. */
function isValidSlackRequest(options: VerifySlackRequestOptions): boolean {
  try {
    verifySlackRequest(options);
    return true;
  } catch (err) {
    if (RemediateError.is(err) && err.code === 'REQUEST_UNVERIFIED') return false;
    throw err;
  }
}

export type { RequestHeaders, VerifySlackRequestOptions };
export { assertSigningSecret, isValidSlackRequest, verifySlackRequest };
