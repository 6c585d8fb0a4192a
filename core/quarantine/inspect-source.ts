import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { RemediateError } from '../errors';
import type { ObjectLocation } from '../types/outcome';
import type { QuarantineTarget } from '../types/quarantine';
import { describeLocation, type ObjectSnapshot } from './head-object';
import { normaliseETag } from './normalise-etag';
import { attempt, StepFailure } from './StepFailure';

/** What every action on a finding's object starts from; a target without these is a bug in the caller. */
function assertTarget(target: QuarantineTarget): void {
  if (!target.findingId || !target.source.bucket || !target.source.key) {
    throw new RemediateError('INTERNAL', 'quarantine target needs a finding id, a bucket and a key');
  }
}

/** The object a target names; Macie sends "" as the version id of unversioned buckets: never pass it to S3. */
const sourceOf = (target: Pick<QuarantineTarget, 'source'>): ObjectLocation => ({
  bucket: target.source.bucket,
  key: target.source.key,
  versionId: target.source.versionId || undefined,
});

/**
 * A version id pins immutable bytes; without one, the object must still carry the ETag the scan saw.
 * `verb`: what `force` does anyway (`quarantines`, `seals`, `tags`).
 */
function checkStale(target: QuarantineTarget, source: ObjectLocation, original: ObjectSnapshot, verb: string) {
  const expected = normaliseETag(target.source.eTag);
  if (target.force || source.versionId !== undefined || !expected || expected === original.eTag) return undefined;
  return {
    outcome: 'STALE' as const,
    reason: `${describeLocation(source)} changed since the scan (ETag ${original.eTag}, the finding saw ${expected}); force ${verb} it anyway`,
    currentETag: original.eTag,
  };
}

/** HeadObject cannot tell a missing bucket from a missing key; sample findings name buckets that do not exist. */
async function describeMissing(s3: S3Client, source: ObjectLocation): Promise<string> {
  try {
    await attempt('inspect', 'HeadBucket', () => s3.send(new HeadBucketCommand({ Bucket: source.bucket })));
  } catch (err) {
    if (err instanceof StepFailure && (err.kind === 'not-found' || err.kind === 'no-bucket')) {
      return `bucket ${source.bucket} does not exist`;
    }
  }
  return `${describeLocation(source)} does not exist`;
}

export { assertTarget, checkStale, describeMissing, sourceOf };
