import type { ObjectClients } from '../aws/account-clients';
import { RemediateError } from '../errors';
import type { QuarantinedCopy, RestoreResult, RestoreTarget } from '../types/quarantine';
import { copyBack } from './copy-back';
import { requireCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { listVersionCopies } from './list-version-copies';
import { findCopyKey } from './locate-copy';
import { objectClients } from './object-clients';
import { type ObjectTag, readTags } from './object-tags';
import { removeAllVersions } from './remove-all-versions';
import { readRestoreReceipt, writeRestoreReceipt } from './restore-receipt';
import { toFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

type Unrestored = Exclude<RestoreResult, { outcome: 'RESTORED' }>;

/**
 * Copies the quarantined object back and verifies it; an outcome instead when that must not or did not happen.
 */
async function restoreCopy(
  ctx: EngineContext,
  clients: ObjectClients,
  copy: QuarantinedCopy,
  snapshot: ObjectSnapshot,
  tags: readonly ObjectTag[],
  overwrite: boolean,
): Promise<ObjectSnapshot | Unrestored> {
  const destination = { bucket: copy.source.bucket, key: copy.source.key };
  const back = await copyBack(ctx, clients, {
    copy: snapshot,
    destination,
    tags,
    replaces: overwrite ? 'anything' : 'nothing',
  });
  if (back.status === 'key-changed') {
    return {
      outcome: 'CONFLICT',
      reason: `an object appeared at ${describeLocation(destination)} during the restore`,
      copy,
    };
  }
  if (back.status === 'failed') return { outcome: 'FAILED', step: back.step, reason: back.reason };
  return back.restored;
}

/**
 * Re-creates each removed version, oldest first, so the newest reads as it did; each version's copy leaves
 * quarantine as soon as it is back and verified, so a rerun re-creates only the ones still there.
 */
async function copyVersionsBack(
  ctx: EngineContext,
  clients: ObjectClients,
  copy: QuarantinedCopy,
  versions: readonly ObjectSnapshot[],
  current: ObjectSnapshot | undefined,
): Promise<ObjectSnapshot | Unrestored | undefined> {
  let latest = current;
  for (const version of versions) {
    const tags = await readTags(ctx.s3, version, 'inspect');
    const restored = await restoreCopy(ctx, clients, copy, version, tags, latest !== undefined);
    if ('outcome' in restored) return restored;
    await removeAllVersions(ctx.s3, { bucket: ctx.quarantineBucket, key: version.key });
    latest = restored;
  }
  return latest;
}

/** No copy to restore: RESTORED when an earlier run finished the restore (its receipt says so), else SOURCE_MISSING. */
async function finishedEarlier(ctx: EngineContext, findingId: string): Promise<RestoreResult> {
  const receipt = await readRestoreReceipt(ctx, findingId);
  if (!receipt) {
    return {
      outcome: 'SOURCE_MISSING',
      reason: `no quarantined copy of finding ${findingId} in s3://${ctx.quarantineBucket}`,
    };
  }
  const { bucket, key, versionId, eTag } = receipt.restored;
  ctx.logger.info('restore already finished', { findingId, restored: describeLocation(receipt.restored) });
  return {
    outcome: 'RESTORED',
    copy: receipt.copy,
    restored: { bucket, key, ...(versionId ? { versionId } : {}), eTag },
  };
}

/**
 * The inverse of a move: copy back to the original bucket and key (metadata and tags as they were, the
 * provenance stripped) → verify → leave a receipt → only then remove the quarantined copy, all its
 * versions. When the move removed several versions of the key, each is re-created in its order. An object
 * that now sits at the original location is never replaced unless `force`; one that holds the copy's bytes
 * is an earlier, interrupted restore of this finding, which this run finishes, and so is a receipt with
 * no copy left.
 */
async function restoreFromQuarantine(ctx: EngineContext, target: RestoreTarget): Promise<RestoreResult> {
  const { s3 } = ctx;
  try {
    const key = await findCopyKey(ctx, target.findingId, 'inspect');
    const snapshot =
      key === undefined ? undefined : await headObject(s3, { bucket: ctx.quarantineBucket, key }, 'inspect');
    if (!snapshot) return await finishedEarlier(ctx, target.findingId);
    const copy = requireCopy(snapshot);
    const clients = await objectClients(ctx, copy.source.account, copy.source.region);
    const destination = { bucket: copy.source.bucket, key: copy.source.key };
    const versions = await listVersionCopies(ctx, target.findingId);

    const current = await headObject(clients.source, destination, 'inspect');
    const alreadyBack =
      current !== undefined && (await verifyCopy({ original: s3, copy: clients.source }, snapshot, current)).ok;
    if (current && !alreadyBack && !target.force) {
      return {
        outcome: 'CONFLICT',
        reason: `${describeLocation(destination)} now holds another object; force overwrites it`,
        copy,
      };
    }
    const restored =
      versions.length > 0
        ? await copyVersionsBack(ctx, clients, copy, versions, current)
        : alreadyBack
          ? current
          : await restoreCopy(
              ctx,
              clients,
              copy,
              snapshot,
              await readTags(s3, snapshot, 'inspect'),
              current !== undefined,
            );
    if (restored === undefined) throw new RemediateError('INTERNAL', 'a restore ended with nothing restored');
    if ('outcome' in restored) return restored;

    await writeRestoreReceipt(ctx, copy, restored, target.actor);
    await removeAllVersions(s3, { bucket: ctx.quarantineBucket, key: snapshot.key });
    ctx.logger.info('restored', {
      findingId: target.findingId,
      actor: target.actor,
      restored: describeLocation(restored),
      quarantineKey: snapshot.key,
      versionsRecreated: versions.length,
    });
    return {
      outcome: 'RESTORED',
      copy,
      restored: { bucket: restored.bucket, key: restored.key, versionId: restored.versionId, eTag: restored.eTag },
    };
  } catch (err) {
    return toFailure(err);
  }
}

export { restoreFromQuarantine };
