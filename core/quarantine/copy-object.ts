import {
  type ChecksumAlgorithm,
  type ChecksumType,
  CopyObjectCommand,
  type CopyObjectCommandOutput,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import type { ObjectEncryption } from '../types/quarantine';
import { formatCopySource } from './copy-source';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { multipartCopy } from './multipart-copy';
import { normaliseETag } from './normalise-etag';
import { checksumOf } from './object-checksum';
import { encryptionOf, sseHeaders } from './object-encryption';
import { encodeTagging, type ObjectTag } from './object-tags';
import { attempt, StepFailure } from './StepFailure';

/** One server-side copy of an exact object version. */
interface CopySpec {
  /**
   * Sends the copy: it must be allowed to read the source and write the target, and goes to the target's
   * Region (a member's object is copied into quarantine with the member role's credentials).
   */
  readonly client: S3Client;
  /** Looks at the target alone (after a 412): the target bucket's own credentials. */
  readonly targetClient: S3Client;
  readonly source: ObjectSnapshot;
  readonly target: { readonly bucket: string; readonly key: string };
  /** The complete user metadata of the copy (MetadataDirective REPLACE). */
  readonly metadata: Readonly<Record<string, string>>;
  /** The copy's tags. Absent: a single CopyObject copies the source's (TaggingDirective COPY); a part copy needs them. */
  readonly tags?: readonly ObjectTag[];
  /** Never replace an object already at the target (`IfNoneMatch: '*'`). */
  readonly exclusive: boolean;
  /** Replace only the object with this (unquoted) ETag at the target (`IfMatch`): a copy in place. */
  readonly ifMatch?: string;
  /** @default the target bucket's default encryption */
  readonly encryption?: ObjectEncryption;
  /** @default STANDARD: S3 does not carry a source's storage class over by itself */
  readonly storageClass?: string;
}

interface ChecksumRequest {
  readonly algorithm: ChecksumAlgorithm;
  readonly type?: ChecksumType;
}

type CopyResult =
  /**
   * The version and ETag S3 reports for what it wrote; `written`, for a single CopyObject, the whole copy as
   * its reply states it. A multipart copy is read back instead: one more request is nothing beside its parts.
   */
  | {
      readonly status: 'copied';
      readonly versionId?: string;
      readonly eTag?: string;
      readonly written?: ObjectSnapshot;
    }
  /** An exclusive copy found an object at the target (a concurrent run of the same finding wrote it). */
  | { readonly status: 'target-exists' }
  /** The source no longer matched the ETag it was copied under (or the target its `ifMatch`). */
  | { readonly status: 'source-changed' };

const FULL_OBJECT_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC64NVME', 'CRC32', 'CRC32C'];
/** The SDK's own upload default; moto stores a CRC32 under the CRC64NVME name, which GetObject then rejects. */
const DEFAULT_ALGORITHM: ChecksumAlgorithm = 'CRC32';

/**
 * Ask the store for the checksum the source already has, so source and copy can be compared without
 * reading them; S3 computes full-object checksums of multipart uploads only for the CRC family.
 */
function chooseChecksum(source: ObjectSnapshot, multipart: boolean): ChecksumRequest {
  const own = source.checksum?.algorithm;
  if (!multipart) return { algorithm: own ?? DEFAULT_ALGORITHM };
  return { algorithm: own && FULL_OBJECT_ALGORITHMS.includes(own) ? own : DEFAULT_ALGORITHM, type: 'FULL_OBJECT' };
}

/** What a copy writes besides bytes and metadata: ETag guard, storage class, encryption. */
const writeHeaders = (spec: CopySpec) => ({
  ...(spec.ifMatch ? { IfMatch: `"${spec.ifMatch}"` } : {}),
  ...(spec.storageClass ? { StorageClass: spec.storageClass as StorageClass } : {}),
  ...sseHeaders(spec.encryption),
});

/**
 * The copy as the CopyObject reply states it: S3's own account of the object it wrote (its ETag, the checksum
 * asked for, its version), as good a witness as a HeadObject of it, which reports the same stored facts. The
 * reply states no size: the whole source version was copied, and the ETag or checksum vouches for the bytes.
 */
function statedCopy(spec: CopySpec, output: CopyObjectCommandOutput): ObjectSnapshot {
  const result = output.CopyObjectResult;
  return {
    bucket: spec.target.bucket,
    key: spec.target.key,
    versionId: output.VersionId,
    size: spec.source.size,
    eTag: normaliseETag(result?.ETag) ?? '',
    checksum: result && checksumOf(result),
    headers: spec.source.headers,
    metadata: spec.metadata,
    storageClass: spec.storageClass,
    encryption: encryptionOf(output),
    archived: false,
    lastModified: result?.LastModified,
  };
}

async function singleCopy(spec: CopySpec): Promise<CopyResult> {
  const { source, target } = spec;
  const output = await attempt('copy', `CopyObject ${describeLocation(source)} to ${describeLocation(target)}`, () =>
    spec.client.send(
      new CopyObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        CopySource: formatCopySource(source.bucket, source.key, source.versionId),
        CopySourceIfMatch: source.eTag === '' ? undefined : `"${source.eTag}"`,
        IfNoneMatch: spec.exclusive ? '*' : undefined,
        MetadataDirective: 'REPLACE',
        Metadata: { ...spec.metadata },
        ...source.headers,
        ...(spec.tags
          ? { TaggingDirective: 'REPLACE', Tagging: encodeTagging(spec.tags) }
          : { TaggingDirective: 'COPY' }),
        ChecksumAlgorithm: chooseChecksum(source, false).algorithm,
        ...writeHeaders(spec),
      }),
    ),
  );
  const written = statedCopy(spec, output);
  return {
    status: 'copied',
    versionId: written.versionId,
    eTag: normaliseETag(output.CopyObjectResult?.ETag),
    written,
  };
}

/** Whether `source` is copied part by part: above the multipart threshold (CopyObject stops at 5 GiB). */
const copiesInParts = (ctx: EngineContext, source: ObjectSnapshot): boolean =>
  source.size > ctx.multipartThresholdBytes;

/**
 * Copies with CopyObject, or part by part above the multipart threshold. The copy is server-side either
 * way: no byte passes through this process.
 */
async function copyObject(ctx: EngineContext, spec: CopySpec): Promise<CopyResult> {
  const multipart = copiesInParts(ctx, spec.source);
  try {
    return multipart
      ? await multipartCopy(ctx, spec, chooseChecksum(spec.source, true), writeHeaders(spec))
      : await singleCopy(spec);
  } catch (err) {
    if (!(err instanceof StepFailure) || err.kind !== 'precondition') throw err;
    // 412 answers IfNoneMatch (the target exists), CopySourceIfMatch (the source changed) or IfMatch (the target changed).
    const existing = spec.exclusive ? await headObject(spec.targetClient, spec.target, 'copy') : undefined;
    return existing ? { status: 'target-exists' } : { status: 'source-changed' };
  }
}

export type { ChecksumRequest, CopyResult, CopySpec };
export { copiesInParts, copyObject };
