import type { IncomingMessage, RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** s3rver ships no types: the part the local stack uses. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  /** S3 event notifications, one record per event. */
  on(event: 'event', listener: (notification: S3rverNotification) => void): void;
  /** Koa's request handler, which s3rver's listen() attaches to its HTTP server. */
  callback(): RequestListener;
}

interface S3rverNotification {
  readonly Records: readonly {
    readonly eventName: string;
    readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string } };
  }[];
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: readonly { name: string }[];
}) => S3rverServer;

interface LocalService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/** An object someone uploaded: PutObject, a POST form upload or a completed multipart upload (not a copy). */
type UploadListener = (bucket: string, key: string) => void;

/** s3rver's accounts: it refuses a request signed with a key none of them holds (InvalidAccessKeyId). */
type S3rverAccountClass = (new (
  id: string,
  displayName: string,
) => { createKeyPair(accessKeyId: string, secretAccessKey: string): void }) & {
  readonly registry: { delete(accessKeyId: string): boolean };
};

/**
 * Lets s3rver accept a key pair as `account`'s, until the returned function revokes it. s3rver keeps its key
 * pairs process-wide and checks only that a SigV4 request's key is one of them (not the signature).
 */
function acceptKeyPair(account: string, accessKeyId: string, secretAccessKey: string): () => void {
  const S3rverAccount = require('s3rver/lib/models/account') as S3rverAccountClass;
  new S3rverAccount(account, `account-${account}`).createKeyPair(accessKeyId, secretAccessKey);
  return () => {
    S3rverAccount.registry.delete(accessKeyId);
  };
}

/** The SSE headers S3 stores with an object written with them, and answers on every HeadObject and GetObject. */
const ENCRYPTION_HEADERS = [
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-bucket-key-enabled',
];

/**
 * s3rver has no KMS and drops the SSE headers of a write, so a sealed object would read as unencrypted. It
 * stores and answers the object headers named in `S3Object.ALLOWED_METADATA` (read at each write and read),
 * so naming the SSE headers there makes it keep them as S3 reports them: PutObject, CopyObject with
 * MetadataDirective REPLACE (a copy without them reads as unencrypted, as under a bucket without default
 * encryption) and multipart uploads. It encrypts nothing and refuses no reader; a copy with MetadataDirective
 * COPY keeps the source's headers. Process-wide, like the key pairs; idempotent.
 */
function keepEncryptionHeaders(): void {
  const S3Object = require('s3rver/lib/models/object') as { ALLOWED_METADATA: string[] };
  for (const header of ENCRYPTION_HEADERS) {
    if (!S3Object.ALLOWED_METADATA.includes(header)) S3Object.ALLOWED_METADATA.push(header);
  }
}

/**
 * s3rver reads `x-amz-copy-source` with decodeURI, which leaves `%2B`, `%3F`, `%23`, `%26` and the other
 * reserved characters encoded, so it cannot copy (quarantine) keys holding them. Re-encoded with encodeURI
 * the header decodes to the exact key. (s3rver does not check SigV4 signatures, so the change is safe.)
 */
function fixCopySource(req: IncomingMessage): void {
  const header = req.headers['x-amz-copy-source'];
  if (typeof header !== 'string') return;
  const query = header.indexOf('?');
  const path = query < 0 ? header : header.slice(0, query);
  try {
    req.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(path)) + (query < 0 ? '' : header.slice(query));
  } catch {
    // Malformed percent-encoding: s3rver answers it as it would have.
  }
}

/**
 * S3 from s3rver: objects are files under `directory`, so a stopped stack keeps them; the buckets
 * are created when missing. Objects keep the SSE headers they were written with (keepEncryptionHeaders). Clients use the credentials S3RVER/S3RVER and path-style addressing.
 */
async function startS3rver(options: {
  readonly directory: string;
  readonly buckets: readonly string[];
  readonly port?: number;
  /** Told of every upload. */
  readonly onUpload?: UploadListener;
  /** Told of every request before s3rver handles it. */
  readonly onRequest?: (req: IncomingMessage) => void;
}): Promise<LocalService> {
  const S3rver = require('s3rver') as S3rverClass;
  keepEncryptionHeaders();
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const handler = server.callback.bind(server);
  server.callback = () => {
    const handle = handler();
    return (req, res) => {
      options.onRequest?.(req);
      fixCopySource(req);
      handle(req, res);
    };
  };
  const { onUpload } = options;
  if (onUpload) {
    server.on('event', ({ Records }) => {
      for (const record of Records) {
        if (record.eventName === 'ObjectCreated:Put' || record.eventName === 'ObjectCreated:Post') {
          onUpload(record.s3.bucket.name, record.s3.object.key);
        }
      }
    });
  }
  const { port } = await server.run();
  return { url: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

export type { LocalService, UploadListener };
export { acceptKeyPair, startS3rver };
