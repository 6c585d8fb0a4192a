import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import { describeLocation } from './head-object';
import { attempt } from './StepFailure';

/** Deletes one exact version (no delete marker: the bytes are gone), or the object on an unversioned bucket. */
async function deleteObject(s3: S3Client, location: ObjectLocation): Promise<void> {
  await attempt('delete', `DeleteObject ${describeLocation(location)}`, () =>
    s3.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId })),
  );
}

export { deleteObject };
