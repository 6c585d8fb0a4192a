import { createServer, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * Which access key ids may use which KMS key (by the key id S3 reports for an object, an ARN): what the key
 * policy grants in AWS. An object under a key not named here is readable by anyone.
 */
type KeyUsers = Readonly<Record<string, readonly string[]>>;

interface KmsEnforcingS3 {
  readonly url: string;
  /** GetObject requests refused, by access key id. */
  readonly refused: readonly string[];
  stop(): Promise<void>;
}

/** S3's answer to a GetObject whose caller may not decrypt with the object's key. */
const ACCESS_DENIED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>KMSENFORCED</RequestId><HostId>kms-enforcing-s3</HostId></Error>';

const ACCESS_KEY = /Credential=([^/]+)\//;

/** `GET /bucket/key[?versionId=…]`: an object read, not a listing (`/bucket`) or a sub-resource (`?tagging`). */
function isGetObject(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const url = new URL(req.url ?? '/', 'http://proxy');
  const [, bucket, ...key] = url.pathname.split('/');
  const subresources = [...url.searchParams.keys()].filter(
    (k) => k !== 'versionId' && k !== 'partNumber' && !k.startsWith('x-id'),
  );
  return Boolean(bucket) && key.join('/') !== '' && subresources.length === 0;
}

/** HEADers that would change what a HeadObject of the same object answers. */
const CONDITIONAL = ['range', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

/**
 * An HTTP proxy in front of moto that enforces what moto does not: a KMS key's policy. A GetObject of an
 * SSE-KMS object (looked up with a HeadObject to moto) is refused with S3's own 403 AccessDenied when the
 * request's access key id (from its SigV4 Authorization header) may not use the object's key. Every other
 * request, and every allowed one, passes through unchanged.
 */
async function startKmsEnforcingS3(target: string, keyUsers: KeyUsers): Promise<KmsEnforcingS3> {
  const upstream = new URL(target);
  const refused: string[] = [];
  const send = (method: string, req: IncomingMessage, headers: IncomingHttpHeaders, body?: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const out = request({ host: upstream.hostname, port: upstream.port, method, path: req.url, headers }, resolve);
      out.on('error', reject);
      out.end(body);
    });
  const keyOf = async (req: IncomingMessage): Promise<string | undefined> => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !CONDITIONAL.includes(name)));
    const answer = await send('HEAD', req, headers);
    answer.resume();
    const key = answer.headers['x-amz-server-side-encryption-aws-kms-key-id'];
    return typeof key === 'string' ? key : undefined;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (isGetObject(req)) {
      const key = await keyOf(req);
      const accessKeyId = ACCESS_KEY.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const users = key === undefined ? undefined : keyUsers[key];
      if (users && !users.includes(accessKeyId)) {
        refused.push(accessKeyId);
        res.writeHead(403, { 'content-type': 'application/xml' }).end(ACCESS_DENIED);
        return;
      }
    }
    const answer = await send(req.method ?? 'GET', req, req.headers, body);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => res.destroy(err as Error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { KeyUsers, KmsEnforcingS3 };

/** An application reading the bucket through the proxy: its access key is among no key's users. */
const readerClient = (url: string): S3Client =>
  new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'reader', secretAccessKey: 'reader' },
    maxAttempts: 1,
  });

export { readerClient, startKmsEnforcingS3 };
