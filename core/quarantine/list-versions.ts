import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MoveStep } from '../types/quarantine';
import { normaliseETag } from './normalise-etag';
import { attempt } from './StepFailure';

interface VersionEntry {
  readonly versionId: string;
  /** Absent for delete markers. */
  readonly eTag?: string;
  readonly size?: number;
  readonly deleteMarker: boolean;
  readonly latest: boolean;
}

interface KeyedVersion extends VersionEntry {
  readonly key: string;
}

/** Every version and delete marker of every key under `prefix`. */
async function listPrefixVersions(
  s3: S3Client,
  bucket: string,
  prefix: string,
  step: MoveStep,
): Promise<KeyedVersion[]> {
  const entries: KeyedVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await attempt(step, `ListObjectVersions s3://${bucket}/${prefix}`, () =>
      s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      ),
    );
    for (const v of page.Versions ?? []) {
      if (v.Key && v.VersionId) {
        entries.push({
          key: v.Key,
          versionId: v.VersionId,
          eTag: normaliseETag(v.ETag),
          size: v.Size,
          deleteMarker: false,
          latest: v.IsLatest === true,
        });
      }
    }
    for (const m of page.DeleteMarkers ?? []) {
      if (m.Key && m.VersionId) {
        entries.push({ key: m.Key, versionId: m.VersionId, deleteMarker: true, latest: m.IsLatest === true });
      }
    }
    const more = page.IsTruncated === true;
    keyMarker = more ? page.NextKeyMarker : undefined;
    versionIdMarker = more ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return entries;
}

/** Every version and delete marker of exactly `key` (the prefix listing also returns longer keys). */
async function listVersions(s3: S3Client, bucket: string, key: string, step: MoveStep): Promise<VersionEntry[]> {
  const entries = await listPrefixVersions(s3, bucket, key, step);
  return entries.filter((entry) => entry.key === key).map(({ key: _key, ...entry }) => entry);
}

export type { KeyedVersion, VersionEntry };
export { listPrefixVersions, listVersions };
