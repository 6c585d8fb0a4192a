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

/** The Region of a KMS key ARN (`arn:aws:kms:eu-west-1:…`); undefined for a bare key id or alias name. */
function kmsKeyRegion(kmsKeyId: string): string | undefined {
  return /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/.exec(kmsKeyId)?.[1];
}

export type { SseHeaders };
export { encryptionOf, kmsKeyRegion, quarantineEncryption, sseHeaders };
