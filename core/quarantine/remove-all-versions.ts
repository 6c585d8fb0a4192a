import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import { deleteObject } from './delete-object';
import { listVersions } from './list-versions';
import { StepFailure } from './StepFailure';

/**
 * Removes a key entirely: every version and delete marker (the quarantine bucket is versioned in
 * production, where a plain delete would leave the sensitive bytes behind a marker). Stores without a
 * versioning API (s3rver) get a plain delete, which is final there.
 */
async function removeAllVersions(s3: S3Client, location: ObjectLocation): Promise<void> {
  try {
    const versions = await listVersions(s3, location.bucket, location.key, 'delete');
    // The current version goes last: until it is gone, a retry still finds the copy and finishes the job.
    const ordered = [...versions].sort((a, b) => Number(a.latest) - Number(b.latest));
    for (const v of ordered) await deleteObject(s3, { ...location, versionId: v.versionId });
  } catch (err) {
    if (!(err instanceof StepFailure) || err.kind !== 'unsupported') throw err;
    await deleteObject(s3, { bucket: location.bucket, key: location.key });
  }
}

export { removeAllVersions };
