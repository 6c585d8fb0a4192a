import { HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import type { MoveStep, ObjectEncryption } from '../types/quarantine';
import { normaliseETag } from './normalise-etag';
import { type Checksum, checksumOf } from './object-checksum';
import { encryptionOf } from './object-encryption';
import { attempt, StepFailure } from './StepFailure';

/** The headers a copy must carry over; with MetadataDirective REPLACE, S3 keeps only what is sent. */
interface ContentHeaders {
  readonly ContentType?: string;
  readonly ContentEncoding?: string;
  readonly CacheControl?: string;
  readonly ContentDisposition?: string;
  readonly ContentLanguage?: string;
  readonly Expires?: Date;
}

/** One exact object version as HeadObject saw it (or a single CopyObject's reply states it: see copy-object). */
interface ObjectSnapshot extends ObjectLocation {
  readonly size: number;
  /** Unquoted, lower case. */
  readonly eTag: string;
  readonly checksum?: Checksum;
  readonly headers: ContentHeaders;
  readonly metadata: Readonly<Record<string, string>>;
  readonly storageClass?: string;
  readonly encryption: ObjectEncryption;
  /** In an archive tier and not restored from it: S3 refuses to copy it until it is. */
  readonly archived: boolean;
  readonly lastModified?: Date;
}

const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

function isArchived(output: HeadObjectCommandOutput): boolean {
  const inArchive = ARCHIVE_CLASSES.has(output.StorageClass ?? '') || output.ArchiveStatus !== undefined;
  return inArchive && !output.Restore?.includes('ongoing-request="false"');
}

function toSnapshot(location: ObjectLocation, output: HeadObjectCommandOutput): ObjectSnapshot {
  const expires =
    output.Expires instanceof Date && !Number.isNaN(output.Expires.getTime()) ? output.Expires : undefined;
  return {
    bucket: location.bucket,
    key: location.key,
    versionId: output.VersionId || location.versionId,
    size: output.ContentLength ?? 0,
    eTag: normaliseETag(output.ETag) ?? '',
    checksum: checksumOf(output),
    headers: {
      ContentType: output.ContentType,
      ContentEncoding: output.ContentEncoding,
      CacheControl: output.CacheControl,
      ContentDisposition: output.ContentDisposition,
      ContentLanguage: output.ContentLanguage,
      Expires: expires,
    },
    metadata: output.Metadata ?? {},
    storageClass: output.StorageClass,
    encryption: encryptionOf(output),
    archived: isArchived(output),
    lastModified: output.LastModified,
  };
}

/** HeadObject of one location (exact version when given); undefined when it (or its bucket) does not exist. */
async function headObject(s3: S3Client, location: ObjectLocation, step: MoveStep): Promise<ObjectSnapshot | undefined> {
  try {
    const output = await attempt(step, `HeadObject ${describeLocation(location)}`, () =>
      s3.send(
        new HeadObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          VersionId: location.versionId,
          ChecksumMode: 'ENABLED',
        }),
      ),
    );
    return toSnapshot(location, output);
  } catch (err) {
    if (err instanceof StepFailure && (err.kind === 'not-found' || err.kind === 'no-bucket')) return undefined;
    throw err;
  }
}

/** `s3://bucket/key (version v)`, for reasons and logs. */
function describeLocation(location: ObjectLocation): string {
  return `s3://${location.bucket}/${location.key}${location.versionId ? ` (version ${location.versionId})` : ''}`;
}

export type { ContentHeaders, ObjectSnapshot };
export { describeLocation, headObject };
