import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import { describeLocation } from './head-object';
import { attempt } from './StepFailure';

/**
 * Deletes one exact version (no delete marker: the bytes are gone), or without a version id the object on
 * an unversioned bucket (a delete marker on a versioned one). `ifMatch` (unquoted ETag) makes S3 refuse
 * with 412 when the key's current object is not the one verified.
 */
async function deleteObject(s3: S3Client, location: ObjectLocation, ifMatch?: string): Promise<void> {
  await attempt('delete', `DeleteObject ${describeLocation(location)}`, () =>
    s3.send(
      new DeleteObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        VersionId: location.versionId,
        IfMatch: ifMatch ? `"${ifMatch}"` : undefined,
      }),
    ),
  );
}

export { deleteObject };
