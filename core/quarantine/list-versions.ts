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

/** Every version and delete marker of exactly `key` (the prefix listing also returns longer keys). */
async function listVersions(s3: S3Client, bucket: string, key: string, step: MoveStep): Promise<VersionEntry[]> {
  const entries: VersionEntry[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await attempt(step, `ListObjectVersions s3://${bucket}/${key}`, () =>
      s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: key,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      ),
    );
    for (const v of page.Versions ?? []) {
      if (v.Key === key && v.VersionId) {
        entries.push({
          versionId: v.VersionId,
          eTag: normaliseETag(v.ETag),
          size: v.Size,
          deleteMarker: false,
          latest: v.IsLatest === true,
        });
      }
    }
    for (const m of page.DeleteMarkers ?? []) {
      if (m.Key === key && m.VersionId) {
        entries.push({ versionId: m.VersionId, deleteMarker: true, latest: m.IsLatest === true });
      }
    }
    const more = page.IsTruncated === true;
    keyMarker = more ? page.NextKeyMarker : undefined;
    versionIdMarker = more ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return entries;
}

export type { VersionEntry };
export { listVersions };
