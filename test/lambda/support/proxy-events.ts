import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { signSlackRequest } from '../../../local/slack/sign-slack-request';

interface HttpRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface EventOptions {
  /** Deliver the body base64-encoded, as HTTP APIs do for form posts. @default false */
  readonly base64?: boolean;
}

const bodyOf = (request: HttpRequest, options: EventOptions) =>
  options.base64 ? Buffer.from(request.body, 'utf8').toString('base64') : request.body;

/** An HTTP API (payload 2.0) event: header names lowercased, as API Gateway delivers them. */
function v2Event(request: HttpRequest, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: '2.0',
    routeKey: 'POST /slack/actions',
    rawPath: '/slack/actions',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/slack/actions', protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'x' },
      requestId: 'req-v2',
      routeKey: 'POST /slack/actions',
      stage: '$default',
      time: '27/Nov/2026:12:00:00 +0000',
      timeEpoch: 0,
    },
    body: bodyOf(request, options),
    isBase64Encoded: options.base64 ?? false,
  };
}

/** A REST API (payload 1.0) event: header names as the client sent them, plus multiValueHeaders. */
function v1Event(request: HttpRequest, options: EventOptions = {}): APIGatewayProxyEvent {
  return {
    resource: '/slack/actions',
    path: '/slack/actions',
    httpMethod: 'POST',
    headers: { ...request.headers },
    multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: 'req-v1' } as APIGatewayProxyEvent['requestContext'],
    body: bodyOf(request, options),
    isBase64Encoded: options.base64 ?? false,
  };
}

/** Any body, signed as Slack signs: for requests no stand-in click would produce (malformed, oversized). */
function signed(body: string, signingSecret: string, now: Date): HttpRequest {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signSlackRequest(signingSecret, timestamp, body),
    },
  };
}

/** A form body carrying `payload` as Slack sends it. */
const formBody = (payload: unknown): string =>
  new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }).toString();

export type { HttpRequest };
export { formBody, signed, v1Event, v2Event };
