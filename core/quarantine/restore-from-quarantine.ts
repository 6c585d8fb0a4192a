import type { QuarantinedCopy, RestoreResult, RestoreTarget } from '../types/quarantine';
import { copyObject } from './copy-object';
import { requireCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { findCopyKey } from './locate-copy';
import { ensureTags, type ObjectTag, readTags } from './object-tags';
import { stripProvenance } from './provenance';
import { removeAllVersions } from './remove-all-versions';
import { toFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

type Unrestored = Exclude<RestoreResult, { outcome: 'RESTORED' }>;

/** Copies the quarantined object back and verifies it; an outcome instead when that must not or did not happen. */
async function copyBack(
  ctx: EngineContext,
  copy: QuarantinedCopy,
  snapshot: ObjectSnapshot,
  tags: readonly ObjectTag[],
  overwrite: boolean,
): Promise<ObjectSnapshot | Unrestored> {
  const destination = { bucket: copy.source.bucket, key: copy.source.key };
  const where = describeLocation(destination);
  const copied = await copyObject(ctx, {
    source: snapshot,
    target: destination,
    metadata: stripProvenance(snapshot.metadata),
    tags,
    exclusive: !overwrite,
  });
  if (copied.status === 'target-exists') {
    return { outcome: 'CONFLICT', reason: `an object appeared at ${where} during the restore`, copy };
  }
  if (copied.status === 'source-changed') {
    return { outcome: 'FAILED', step: 'copy', reason: `the quarantined copy changed during the restore; run again` };
  }
  const restored = await headObject(ctx.s3, destination, 'verify');
  if (!restored) return { outcome: 'FAILED', step: 'verify', reason: `${where} is not there after copying back` };
  const verification = await verifyCopy(ctx.s3, snapshot, restored);
  if (!verification.ok)
    return { outcome: 'FAILED', step: 'verify', reason: `the restored ${where}: ${verification.reason}` };
  await ensureTags(ctx.s3, restored, tags);
  return restored;
}

/**
 * The inverse of a move: copy back to the original bucket and key (metadata and tags as they were, the
 * provenance stripped) → verify → only then remove the quarantined copy, all its versions. An object that
 * now sits at the original location is never replaced unless `force`; one that holds the copy's bytes is
 * an earlier, interrupted restore of this finding, which this run finishes.
 */
async function restoreFromQuarantine(ctx: EngineContext, target: RestoreTarget): Promise<RestoreResult> {
  const { s3 } = ctx;
  try {
    const key = await findCopyKey(ctx, target.findingId, 'inspect');
    const snapshot =
      key === undefined ? undefined : await headObject(s3, { bucket: ctx.quarantineBucket, key }, 'inspect');
    if (!snapshot) {
      return {
        outcome: 'SOURCE_MISSING',
        reason: `no quarantined copy of finding ${target.findingId} in s3://${ctx.quarantineBucket}`,
      };
    }
    const copy = requireCopy(snapshot);
    const destination = { bucket: copy.source.bucket, key: copy.source.key };
    const tags = await readTags(s3, snapshot, 'inspect');

    const current = await headObject(s3, destination, 'inspect');
    const alreadyBack = current !== undefined && (await verifyCopy(s3, snapshot, current)).ok;
    if (current && !alreadyBack && !target.force) {
      return {
        outcome: 'CONFLICT',
        reason: `${describeLocation(destination)} now holds another object; force overwrites it`,
        copy,
      };
    }
    const restored = alreadyBack ? current : await copyBack(ctx, copy, snapshot, tags, current !== undefined);
    if ('outcome' in restored) return restored;

    await removeAllVersions(s3, { bucket: ctx.quarantineBucket, key: snapshot.key });
    ctx.logger.info('restored', {
      findingId: target.findingId,
      actor: target.actor,
      restored: describeLocation(restored),
      quarantineKey: snapshot.key,
    });
    return {
      outcome: 'RESTORED',
      copy,
      restored: { bucket: restored.bucket, key: restored.key, versionId: restored.versionId },
    };
  } catch (err) {
    return toFailure(err);
  }
}

export { restoreFromQuarantine };
