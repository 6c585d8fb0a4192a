import type { IncomingHttpHeaders } from 'node:http';

/** `Credential=AKID/20240101/us-east-1/s3/aws4_request` in a SigV4 Authorization header or presigned URL. */
const CREDENTIAL = /Credential=([^/,\s]+)\//;

/**
 * The access key id a request was signed with (SigV4 header or presigned query), or undefined when unsigned.
 * The local stand-ins tell the signer by it: nothing here checks the signature itself.
 */
function signingKeyOf(headers: IncomingHttpHeaders, url = '/'): string | undefined {
  const header = headers.authorization;
  if (typeof header === 'string') return CREDENTIAL.exec(header)?.[1];
  const query = new URL(url, 'http://local').searchParams.get('X-Amz-Credential');
  return query?.split('/')[0] || undefined;
}

export { signingKeyOf };
