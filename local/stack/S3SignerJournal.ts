import type { IncomingMessage } from 'node:http';
import { signingKeyOf } from '../http/signing-key';

/** One S3 request as it reached s3rver: the account whose key signed it, on which buckets. */
interface SignedS3Request {
  readonly method: string;
  /** Path-style: the bucket the request is sent to. */
  readonly bucket: string;
  /** A copy's source bucket (`x-amz-copy-source`): the copy reads it with the same signature. */
  readonly copySourceBucket?: string;
  readonly accessKeyId: string;
  /** `unsigned`, or `unknown` for a key no account holds. */
  readonly account: string;
}

const bucketOf = (path: string): string => decodeURIComponent(path.replace(/^\//, '').split('/')[0] ?? '');

/**
 * Which account signed each S3 request on each bucket: the local stack's witness that a member account's
 * objects are touched only with that account's credentials, whatever client the engine built.
 */
class S3SignerJournal {
  readonly #entries: SignedS3Request[] = [];

  /** @param accountOf the account holding an access key id, if any does. */
  constructor(private readonly accountOf: (accessKeyId: string) => string | undefined) {}

  record(req: IncomingMessage): void {
    const accessKeyId = signingKeyOf(req.headers, req.url) ?? '';
    const copySource = req.headers['x-amz-copy-source'];
    const copySourceBucket = typeof copySource === 'string' ? bucketOf(copySource) : undefined;
    this.#entries.push({
      method: req.method ?? '',
      bucket: bucketOf(new URL(req.url ?? '/', 'http://local').pathname),
      ...(copySourceBucket ? { copySourceBucket } : {}),
      accessKeyId,
      account: accessKeyId ? (this.accountOf(accessKeyId) ?? 'unknown') : 'unsigned',
    });
  }

  /** The requests sent to `bucket` or copying from it, oldest first. */
  on(bucket: string): readonly SignedS3Request[] {
    return this.#entries.filter((entry) => entry.bucket === bucket || entry.copySourceBucket === bucket);
  }
}

export type { SignedS3Request };
export { S3SignerJournal };
