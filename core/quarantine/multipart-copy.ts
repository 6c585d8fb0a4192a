import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type StorageClass,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type { ChecksumRequest, CopyResult, CopySpec } from './copy-object';
import { formatCopySource } from './copy-source';
import type { EngineContext } from './engine-context';
import { describeLocation } from './head-object';
import { mapConcurrent } from './map-concurrent';
import { normaliseETag } from './normalise-etag';
import type { SseHeaders } from './object-encryption';
import { encodeTagging } from './object-tags';
import { planParts } from './plan-parts';
import { attempt, StepFailure } from './StepFailure';

const PART_COPY_CONCURRENCY = 4;

/**
 * CreateMultipartUpload + UploadPartCopy per range + CompleteMultipartUpload. Part copies carry neither
 * metadata nor tags, so both are set when the upload is created. Any failure aborts the upload, so no
 * half-built object is left behind (and no parts keep costing storage).
 */
async function multipartCopy(
  ctx: EngineContext,
  spec: CopySpec,
  checksum: ChecksumRequest,
  /** Encryption, storage class and `IfMatch`: `IfMatch` guards the completion, the rest the upload. */
  headers: SseHeaders & { readonly IfMatch?: string; readonly StorageClass?: StorageClass },
): Promise<CopyResult> {
  const { IfMatch, ...uploadHeaders } = headers;
  const { client: s3, source, target } = spec;
  const where = describeLocation(target);
  const upload = await attempt('copy', `CreateMultipartUpload ${where}`, () =>
    s3.send(
      new CreateMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        Metadata: { ...spec.metadata },
        ...source.headers,
        Tagging: encodeTagging(spec.tags ?? []),
        ChecksumAlgorithm: checksum.algorithm,
        ChecksumType: checksum.type,
        ...uploadHeaders,
      }),
    ),
  );
  const uploadId = upload.UploadId;
  if (!uploadId) throw new StepFailure('copy', 'other', `CreateMultipartUpload ${where} returned no upload id`);
  try {
    const copySource = formatCopySource(source.bucket, source.key, source.versionId);
    const parts = await mapConcurrent(
      planParts(source.size, ctx.partSizeBytes),
      PART_COPY_CONCURRENCY,
      async (part): Promise<CompletedPart> => {
        const output = await attempt('copy', `UploadPartCopy part ${part.partNumber} to ${where}`, () =>
          s3.send(
            new UploadPartCopyCommand({
              Bucket: target.bucket,
              Key: target.key,
              UploadId: uploadId,
              PartNumber: part.partNumber,
              CopySource: copySource,
              CopySourceIfMatch: source.eTag === '' ? undefined : `"${source.eTag}"`,
              CopySourceRange: `bytes=${part.first}-${part.last}`,
            }),
          ),
        );
        const result = output.CopyPartResult;
        return {
          PartNumber: part.partNumber,
          ETag: result?.ETag,
          ChecksumCRC32: result?.ChecksumCRC32,
          ChecksumCRC32C: result?.ChecksumCRC32C,
          ChecksumCRC64NVME: result?.ChecksumCRC64NVME,
          ChecksumSHA1: result?.ChecksumSHA1,
          ChecksumSHA256: result?.ChecksumSHA256,
        };
      },
    );
    const completed = await attempt('copy', `CompleteMultipartUpload ${where}`, () =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: spec.exclusive ? '*' : undefined,
          IfMatch,
        }),
      ),
    );
    return { status: 'copied', versionId: completed.VersionId, eTag: normaliseETag(completed.ETag) };
  } catch (err) {
    await s3
      .send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId }))
      .catch((abortErr: unknown) =>
        ctx.logger.warn('could not abort a failed multipart copy; a lifecycle rule must clean it up', {
          bucket: target.bucket,
          key: target.key,
          uploadId,
          error: String(abortErr),
        }),
      );
    throw err;
  }
}

export { multipartCopy };
