import type { S3Client } from '@aws-sdk/client-s3';
import { compareObjects } from './compare-objects';
import { digestObject } from './digest-object';
import type { ObjectSnapshot } from './head-object';

type Verification =
  | { readonly ok: true; readonly basis: 'checksum' | 'etag' | 'read-back' }
  | { readonly ok: false; readonly reason: string };

/** Which client reads which side: the original and the copy may sit in different accounts and Regions. */
interface Readers {
  readonly original: S3Client;
  readonly copy: S3Client;
}

/**
 * Whether `copy` holds the bytes of `original`. Metadata settles it for almost every object (a checksum
 * both carry, or equal ETags); when it cannot (an old object without a checksum, under SSE-KMS or with a
 * different part layout) both objects are read back and hashed: slower, never skipped.
 */
async function verifyCopy(s3: Readers, original: ObjectSnapshot, copy: ObjectSnapshot): Promise<Verification> {
  const comparison = compareObjects(original, copy);
  if (comparison.verdict === 'same') return { ok: true, basis: comparison.basis };
  if (comparison.verdict === 'different') return { ok: false, reason: comparison.reason };
  const [a, b] = await Promise.all([
    digestObject(s3.original, original, 'verify'),
    digestObject(s3.copy, copy, 'verify'),
  ]);
  return a.sha256 === b.sha256 && a.size === b.size
    ? { ok: true, basis: 'read-back' }
    : { ok: false, reason: 'the bytes differ (both read back and compared by SHA-256)' };
}

export type { Readers, Verification };
export { verifyCopy };
