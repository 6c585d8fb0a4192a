import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { classifyS3Error, isS3Error } from '../quarantine/s3-errors';
import type { AuditArchive } from '../types/audit';

interface S3AuditArchiveOptions {
  readonly s3: S3Client;
  /** An Object Lock bucket whose default retention locks every object written. */
  readonly bucket: string;
}

/**
 * The audit archive in S3. A write is conditional on the key being free (`IfNoneMatch: '*'`): on a
 * versioned Object Lock bucket a second PUT would add a second locked version of the same batch, so a
 * re-delivered batch is answered 'exists' instead.
 */
class S3AuditArchive implements AuditArchive {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(options: S3AuditArchiveOptions) {
    this.#s3 = options.s3;
    this.#bucket = options.bucket;
  }

  async write(key: string, body: string): Promise<'written' | 'exists'> {
    try {
      await this.#s3.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: body,
          ContentType: 'application/x-ndjson',
          IfNoneMatch: '*',
          // Object Lock requires an integrity checksum on every PUT.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      return 'written';
    } catch (err) {
      if (isS3Error(err) && classifyS3Error(err) === 'precondition') return 'exists';
      throw err;
    }
  }

  async *keys(prefix: string, startAfter?: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.#s3.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
        }),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async read(key: string): Promise<string> {
    const object = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
    return (await object.Body?.transformToString('utf8')) ?? '';
  }
}

export type { S3AuditArchiveOptions };
export { S3AuditArchive };
