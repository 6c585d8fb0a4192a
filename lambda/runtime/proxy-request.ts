import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import type { RequestHeaders } from '../../core/slack/verify-request';

/** An API Gateway proxy event: REST API (v1) or HTTP API (v2) payload. */
type ProxyEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** v1 repeats headers in `multiValueHeaders`; the verifier treats a repeated signature header as missing. */
function headersOf(event: ProxyEvent): RequestHeaders {
  if ('multiValueHeaders' in event && event.multiValueHeaders) return { ...event.headers, ...event.multiValueHeaders };
  return event.headers ?? {};
}

/** The gateway's request id: the correlation id until the Slack trigger id is known. */
function requestIdOf(event: unknown): string | undefined {
  const context = (event as { requestContext?: { requestId?: unknown } } | null)?.requestContext;
  return typeof context?.requestId === 'string' ? context.requestId : undefined;
}

/** A short plain-text answer; an empty body for Slack's 200 (it shows nothing). */
function reply(statusCode: number, body = ''): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

/** A JSON answer: Slack reads a view_submission's `response_action` from the 200's body. */
function replyJson(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

export type { ProxyEvent };
export { headersOf, reply, replyJson, requestIdOf };
