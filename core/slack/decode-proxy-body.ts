/**
 * The raw request body from an API Gateway proxy event (REST v1 or HTTP API v2), decoded from base64
 * when the gateway says so. The signature covers these exact bytes, so nothing else is normalised.
 */
function decodeProxyBody(body: string | null | undefined, isBase64Encoded = false): string {
  if (body === null || body === undefined) return '';
  return isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

export { decodeProxyBody };
