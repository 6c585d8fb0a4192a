import type { S3Client } from '@aws-sdk/client-s3';
import { deleteObject } from './delete-object';
import type { ObjectSnapshot } from './head-object';
import { listVersions } from './list-versions';

/**
 * Removes the scanned data from the source bucket, once its copy is verified. On a versioned bucket a
 * plain delete would only add a delete marker, so the exact version is deleted; so is every other
 * version with the same ETag and size (the same bytes, re-uploaded): they hold the same sensitive data,
 * and the verified copy holds their bytes. Versions with other content are not this finding's and stay.
 * The named version goes last, so a retry that still finds it redoes the whole sweep.
 *
 * @returns the version ids removed besides the named one
 */
async function removeSource(s3: S3Client, source: ObjectSnapshot): Promise<string[]> {
  if (source.versionId === undefined) {
    await deleteObject(s3, source);
    return [];
  }
  const twins = (await listVersions(s3, source.bucket, source.key, 'delete')).filter(
    (v) => !v.deleteMarker && v.versionId !== source.versionId && v.eTag === source.eTag && v.size === source.size,
  );
  for (const twin of twins) await deleteObject(s3, { ...source, versionId: twin.versionId });
  await deleteObject(s3, source);
  return twins.map((t) => t.versionId);
}

export { removeSource };
