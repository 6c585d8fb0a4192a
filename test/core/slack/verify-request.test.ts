import { createHmac } from 'node:crypto';
import { decodeProxyBody } from '../../../core/slack/decode-proxy-body';
import { isValidSlackRequest, verifySlackRequest } from '../../../core/slack/verify-request';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW_MS = Date.parse('2026-11-27T12:00:00Z');
const NOW_S = NOW_MS / 1000;
const BODY = 'payload=%7B%22type%22%3A%22block_actions%22%7D';

const sign = (body: string, timestamp: number | string, secret = SECRET): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

const signed = (overrides: { timestamp?: number | string; body?: string; secret?: string } = {}) => {
  const timestamp = overrides.timestamp ?? NOW_S;
  return {
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': sign(overrides.body ?? BODY, timestamp, overrides.secret),
  };
};

const verify = (headers: Record<string, string | string[] | undefined>, rawBody = BODY, nowMs = NOW_MS) =>
  verifySlackRequest({ signingSecret: SECRET, rawBody, headers, nowMs });

describe('Function: verifySlackRequest', () => {
  it('accepts a correctly signed request', () => {
    expect(() => verify(signed())).not.toThrow();
  });

  it('looks headers up in any case, and accepts single-value arrays (API Gateway v1 multi-value)', () => {
    // Prepare
    const h = signed();
    const lower = {
      'x-slack-request-timestamp': [h['X-Slack-Request-Timestamp']],
      'x-slack-signature': h['X-Slack-Signature'],
    };
    const upper = {
      'X-SLACK-REQUEST-TIMESTAMP': h['X-Slack-Request-Timestamp'],
      'X-SLACK-SIGNATURE': h['X-Slack-Signature'],
    };

    // Act & Assess
    expect(isValidSlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: lower, nowMs: NOW_MS })).toBe(true);
    expect(isValidSlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: upper, nowMs: NOW_MS })).toBe(true);
  });

  it.each([
    [
      'the timestamp header is missing',
      { 'X-Slack-Signature': signed()['X-Slack-Signature'] },
      /missing X-Slack-Request-Timestamp/,
    ],
    ['the signature header is missing', { 'X-Slack-Request-Timestamp': String(NOW_S) }, /missing X-Slack-Signature/],
    [
      'a header is repeated',
      { ...signed(), 'x-slack-signature': ['v0=a', 'v0=b'], 'X-Slack-Signature': undefined },
      /missing X-Slack-Signature/,
    ],
  ])('rejects a request when %s', (_name, headers, message) => {
    expect(() => verify(headers)).toThrow(message);
  });

  it.each([
    ['not a number', 'abc'],
    ['a decimal', `${NOW_S}.5`],
    ['negative', `-${NOW_S}`],
    ['empty', ''],
  ])('rejects a timestamp that is %s', (_name, timestamp) => {
    expect(() => verify(signed({ timestamp }))).toThrow(/not an integer/);
  });

  it.each([
    ['more than 5 minutes old', NOW_S - 301],
    ['more than 5 minutes in the future', NOW_S + 301],
  ])('rejects a timestamp %s', (_name, timestamp) => {
    expect(() => verify(signed({ timestamp }))).toThrow(/more than 5 minutes/);
  });

  it.each([
    ['exactly 5 minutes old', NOW_S - 300],
    ['exactly 5 minutes ahead', NOW_S + 300],
  ])('accepts a timestamp %s', (_name, timestamp) => {
    expect(() => verify(signed({ timestamp }))).not.toThrow();
  });

  it('rejects another signature version', () => {
    // Prepare
    const headers = { ...signed(), 'X-Slack-Signature': signed()['X-Slack-Signature'].replace(/^v0/, 'v1') };

    // Act & Assess
    expect(() => verify(headers)).toThrow(/unknown signature version/);
  });

  it.each([
    ['a tampered body', () => verify(signed(), `${BODY}x`)],
    ['another secret', () => verify(signed({ secret: 'other' }))],
    [
      'a truncated signature',
      () => verify({ ...signed(), 'X-Slack-Signature': signed()['X-Slack-Signature'].slice(0, 20) }),
    ],
    [
      'a signature with the timestamp changed',
      () => verify({ ...signed(), 'X-Slack-Request-Timestamp': String(NOW_S - 1) }),
    ],
  ])('rejects %s', (_name, act) => {
    expect(act).toThrow(/signature mismatch/);
  });

  it('throws a user-sourced REQUEST_UNVERIFIED error that does not quote the signature', () => {
    // Prepare
    const headers = signed({ secret: 'other' });

    // Act
    let error: unknown;
    try {
      verify(headers);
    } catch (err) {
      error = err;
    }

    // Assess
    expect(error).toMatchObject({ code: 'REQUEST_UNVERIFIED', source: 'user' });
    expect(String((error as Error).message)).not.toContain(headers['X-Slack-Signature'].slice(3));
  });

  it('rejects an empty signing secret as a configuration error, in both forms', () => {
    const options = { signingSecret: '', rawBody: BODY, headers: signed(), nowMs: NOW_MS };
    expect(() => verifySlackRequest(options)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => isValidSlackRequest(options)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('has a boolean twin that answers false for an unverified request', () => {
    expect(isValidSlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: {}, nowMs: NOW_MS })).toBe(false);
  });

  it('verifies a base64 API Gateway body after decoding, byte for byte', () => {
    // Prepare: a body with non-ASCII text, as the gateway hands it over
    const body = `payload=${encodeURIComponent('{"key":"Ünïcødé 😀"}')}`;
    const event = { body: Buffer.from(body, 'utf8').toString('base64'), isBase64Encoded: true };

    // Act
    const rawBody = decodeProxyBody(event.body, event.isBase64Encoded);

    // Assess
    expect(rawBody).toBe(body);
    expect(() => verify(signed({ body }), rawBody)).not.toThrow();
  });
});

describe('Function: decodeProxyBody', () => {
  it('returns a plain body unchanged and an absent body as empty', () => {
    expect(decodeProxyBody('a=b')).toBe('a=b');
    expect(decodeProxyBody('a=b', false)).toBe('a=b');
    expect(decodeProxyBody(null)).toBe('');
    expect(decodeProxyBody(undefined, true)).toBe('');
  });
});
