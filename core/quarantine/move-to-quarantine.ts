import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { RemediateError } from '../errors';
import type { ObjectLocation } from '../types/outcome';
import type { QuarantineResult, QuarantineTarget } from '../types/quarantine';
import { copyObject } from './copy-object';
import { requireCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { normaliseETag } from './normalise-etag';
import { ensureTags, type ObjectTag, readTags } from './object-tags';
import { encodeProvenance } from './provenance';
import { buildQuarantineKey } from './quarantine-key';
import { removeSource } from './remove-source';
import { attempt, StepFailure, toFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

function assertTarget(target: QuarantineTarget): void {
  if (!target.findingId || !target.source.bucket || !target.source.key) {
    throw new RemediateError('INTERNAL', 'quarantine target needs a finding id, a bucket and a key');
  }
}

/** A version id pins immutable bytes; without one, the object must still carry the ETag the scan saw. */
function checkStale(target: QuarantineTarget, source: ObjectLocation, original: ObjectSnapshot) {
  const expected = normaliseETag(target.source.eTag);
  if (target.force || source.versionId !== undefined || !expected || expected === original.eTag) return undefined;
  return {
    outcome: 'STALE' as const,
    reason: `${describeLocation(source)} changed since the scan (ETag ${original.eTag}, the finding saw ${expected}); force quarantines it anyway`,
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

/** The copy is in place: verify it, then (only then) remove the source. */
async function completeMove(
  ctx: EngineContext,
  original: ObjectSnapshot,
  copy: ObjectSnapshot,
  tags: readonly ObjectTag[],
): Promise<QuarantineResult> {
  const verification = await verifyCopy(ctx.s3, original, copy);
  if (!verification.ok) {
    return {
      outcome: 'FAILED',
      step: 'verify',
      reason: `the quarantined copy ${copy.key} does not match: ${verification.reason}`,
    };
  }
  await ensureTags(ctx.s3, copy, tags);
  const twins = await removeSource(ctx.s3, original);
  const result = requireCopy(copy);
  ctx.logger.info('quarantined', {
    findingId: result.findingId,
    source: describeLocation(original),
    quarantineKey: copy.key,
    verifiedBy: verification.basis,
    sameBytesVersionsRemoved: twins,
  });
  return { outcome: 'QUARANTINED', copy: result };
}

/**
 * A copy for this finding already exists (a retry, or a concurrent run). If the source still holds the
 * same bytes (a crash between copy and delete), finish the move; if it is gone, or now holds other data,
 * the finding's data is already safe: leave the source alone.
 */
async function finishMove(ctx: EngineContext, source: ObjectLocation, copy: ObjectSnapshot): Promise<QuarantineResult> {
  const recorded = requireCopy(copy);
  const original = await headObject(
    ctx.s3,
    { ...source, versionId: source.versionId ?? recorded.source.versionId },
    'inspect',
  );
  if (original && (await verifyCopy(ctx.s3, original, copy)).ok) {
    return completeMove(ctx, original, copy, await readTags(ctx.s3, original, 'inspect'));
  }
  return { outcome: 'ALREADY_QUARANTINED', copy: recorded };
}

/**
 * copy → verify → delete. Every step leaves the data readable in at least one place, and running the
 * same target again picks up where a failed run stopped.
 */
async function moveToQuarantine(ctx: EngineContext, target: QuarantineTarget): Promise<QuarantineResult> {
  assertTarget(target);
  const { s3 } = ctx;
  // Macie sends "" for unversioned buckets: never pass it to S3.
  const source: ObjectLocation = {
    bucket: target.source.bucket,
    key: target.source.key,
    versionId: target.source.versionId || undefined,
  };
  const name = buildQuarantineKey(target.findingId, source.bucket, source.key);
  const copyLocation = { bucket: ctx.quarantineBucket, key: name.key };
  try {
    const existing = await headObject(s3, copyLocation, 'inspect');
    if (existing) return await finishMove(ctx, source, existing);

    const original = await headObject(s3, source, 'inspect');
    if (!original) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(s3, source) };
    const stale = checkStale(target, source, original);
    if (stale) return stale;
    if (original.archived) {
      return {
        outcome: 'FAILED',
        step: 'inspect',
        reason: `${describeLocation(original)} is archived (${original.storageClass ?? 'archive tier'}): restore it from the archive, then run again`,
      };
    }

    const tags = await readTags(s3, original, 'inspect');
    const provenance = encodeProvenance(
      {
        findingId: target.findingId,
        sourceKey: name.sourceKeyInMetadata ? source.key : undefined,
        sourceVersionId: original.versionId,
        sourceETag: original.eTag,
        quarantinedAt: ctx.clock().toISOString(),
        actor: target.actor,
      },
      original.metadata,
    );
    if (!provenance.ok) return { outcome: 'FAILED', step: 'copy', reason: provenance.reason };
    if (provenance.dropped.length > 0) {
      ctx.logger.warn('provenance fields left out: no room in the 2 KB of user metadata', {
        findingId: target.findingId,
        dropped: provenance.dropped,
      });
    }

    const copied = await copyObject(ctx, {
      source: original,
      target: copyLocation,
      metadata: provenance.metadata,
      tags,
      exclusive: true,
      kmsKeyId: ctx.kmsKeyId,
    });
    if (copied.status === 'source-changed') {
      return { outcome: 'STALE', reason: `${describeLocation(source)} changed while it was being copied; run again` };
    }
    const copy = await headObject(s3, copyLocation, 'verify');
    if (!copy)
      return { outcome: 'FAILED', step: 'verify', reason: `the copy ${copyLocation.key} is not there after copying` };
    if (copied.status === 'target-exists') return await finishMove(ctx, source, copy);
    return await completeMove(ctx, original, copy, tags);
  } catch (err) {
    return toFailure(err);
  }
}

export { moveToQuarantine };
