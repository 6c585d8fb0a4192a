import { createHmac } from 'node:crypto';

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret,
 * sent as `X-Slack-Signature` next to `X-Slack-Request-Timestamp` (Unix seconds).
 */
function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * An interaction payload as Slack posts it to the Request URL: form-encoded `payload=<json>`, with the
 * signature and timestamp headers.
 */
function signedInteraction(
  payload: unknown,
  signingSecret: string,
  timestamp: number,
): { readonly body: string; readonly headers: Readonly<Record<string, string>> } {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(signingSecret, timestamp, body),
  };
  return { body, headers };
}

export { signedInteraction, signSlackRequest };
