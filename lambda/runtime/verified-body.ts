import type { APIGatewayProxyResult } from 'aws-lambda';
import { RemediateError } from '../../core/errors';
import { decodeProxyBody } from '../../core/slack/decode-proxy-body';
import { MAX_INTERACTION_BYTES } from '../../core/slack/parse-interaction';
import { verifySlackRequest } from '../../core/slack/verify-request';
import type { Logger } from '../../core/types/runtime';
import { headersOf, type ProxyEvent, reply } from './proxy-request';

/**
 * The raw body of a proxy event (base64 decoded) once its Slack signature checks out; otherwise the answer:
 * 413 for an oversized body, 401 with no detail for a signature that fails (the reason is logged).
 */
function verifiedBody(
  event: ProxyEvent,
  signingSecret: string,
  nowMs: number,
  logger: Logger,
): { readonly rawBody: string } | { readonly refused: APIGatewayProxyResult } {
  const rawBody = decodeProxyBody(event.body, event.isBase64Encoded);
  if (Buffer.byteLength(rawBody) > MAX_INTERACTION_BYTES) return { refused: reply(413, 'payload too large') };
  try {
    verifySlackRequest({ signingSecret, rawBody, headers: headersOf(event), nowMs });
    return { rawBody };
  } catch (err) {
    if (!RemediateError.is(err) || err.code !== 'REQUEST_UNVERIFIED') throw err;
    logger.warn('request refused', { reason: err.message });
    return { refused: reply(401) };
  }
}

export { verifiedBody };
