import type { HeadObjectCommandOutput, ServerSideEncryption } from '@aws-sdk/client-s3';
import type { ObjectEncryption } from '../types/quarantine';

/** The SSE request headers of a write (PutObject, CopyObject, CreateMultipartUpload). */
interface SseHeaders {
  readonly ServerSideEncryption?: ServerSideEncryption;
  readonly SSEKMSKeyId?: string;
  readonly BucketKeyEnabled?: boolean;
}

const ALGORITHMS: readonly ObjectEncryption['algorithm'][] = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** An object's encryption as HeadObject (or the CopyObject that wrote it) reports it. */
function encryptionOf(
  output: Pick<HeadObjectCommandOutput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'>,
): ObjectEncryption {
  const algorithm = ALGORITHMS.find((a) => a === output.ServerSideEncryption) ?? 'NONE';
  return {
    algorithm,
    ...(algorithm !== 'NONE' && algorithm !== 'AES256' && output.SSEKMSKeyId ? { kmsKeyId: output.SSEKMSKeyId } : {}),
    ...(output.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: output.BucketKeyEnabled } : {}),
  };
}

/**
 * The headers that write an object with `encryption`. `NONE` sends none: the bucket's default encryption
 * applies (S3 encrypts every new object with SSE-S3 at least), which is what wrote such an object before.
 */
function sseHeaders(encryption: ObjectEncryption | undefined): SseHeaders {
  if (!encryption || encryption.algorithm === 'NONE') return {};
  return {
    ServerSideEncryption: encryption.algorithm,
    ...(encryption.kmsKeyId && encryption.algorithm !== 'AES256' ? { SSEKMSKeyId: encryption.kmsKeyId } : {}),
    ...(encryption.bucketKeyEnabled !== undefined && encryption.algorithm === 'aws:kms'
      ? { BucketKeyEnabled: encryption.bucketKeyEnabled }
      : {}),
  };
}

/** SSE-KMS with the engine's quarantine key; undefined without one (the target bucket's default applies). */
const quarantineEncryption = (kmsKeyId: string | undefined): ObjectEncryption | undefined =>
  kmsKeyId === undefined ? undefined : { algorithm: 'aws:kms', kmsKeyId };

/**
 * Whether an object written with `encryption` reads as written so: `NONE` wrote under the bucket's default,
 * which is SSE-S3 at least.
 */
function carriesEncryption(actual: ObjectEncryption, encryption: ObjectEncryption): boolean {
  const { algorithm, kmsKeyId } = encryption;
  const sameAlgorithm = actual.algorithm === algorithm || (algorithm === 'NONE' && actual.algorithm === 'AES256');
  return sameAlgorithm && (kmsKeyId === undefined || actual.kmsKeyId === kmsKeyId);
}

/** An encryption as one metadata value (a version copy's record of its version's), and back. */
const formatEncryption = (encryption: ObjectEncryption): string => JSON.stringify(encryption);

/** Undefined for a value that does not read as one (absent, cut short, edited). */
function parseEncryption(value: string | undefined): ObjectEncryption | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<Record<keyof ObjectEncryption, unknown>> | null;
    const algorithm = [...ALGORITHMS, 'NONE' as const].find((a) => a === parsed?.algorithm);
    const { kmsKeyId, bucketKeyEnabled } = parsed ?? {};
    if (!algorithm || !['string', 'undefined'].includes(typeof kmsKeyId)) return undefined;
    if (!['boolean', 'undefined'].includes(typeof bucketKeyEnabled)) return undefined;
    return {
      algorithm,
      ...(typeof kmsKeyId === 'string' ? { kmsKeyId } : {}),
      ...(typeof bucketKeyEnabled === 'boolean' ? { bucketKeyEnabled } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The Region of a KMS key ARN (`arn:aws:kms:eu-west-1:…`); undefined for a bare key id or alias name. */
function kmsKeyRegion(kmsKeyId: string): string | undefined {
  return /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/.exec(kmsKeyId)?.[1];
}

export type { SseHeaders };
export {
  carriesEncryption,
  encryptionOf,
  formatEncryption,
  kmsKeyRegion,
  parseEncryption,
  quarantineEncryption,
  sseHeaders,
};
