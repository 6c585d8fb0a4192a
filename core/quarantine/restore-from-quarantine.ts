import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { ObjectClients } from '../aws/account-clients';
import { RemediateError } from '../errors';
import type { QuarantinedCopy, RestoreResult, RestoreTarget } from '../types/quarantine';
import { copyObject } from './copy-object';
import { requireCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { findCopyKey } from './locate-copy';
import { mapConcurrent } from './map-concurrent';
import { objectClients } from './object-clients';
import { ensureTags, type ObjectTag, readTags } from './object-tags';
import { decodeProvenance, stripProvenance } from './provenance';
import { versionsPrefix } from './quarantine-key';
import { removeAllVersions } from './remove-all-versions';
import { readRestoreReceipt, writeRestoreReceipt } from './restore-receipt';
import { attempt, toFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

/** Version copies are few (one per same-bytes upload of a key): their metadata is read a few at a time. */
const HEAD_CONCURRENCY = 4;

type Unrestored = Exclude<RestoreResult, { outcome: 'RESTORED' }>;

/**
 * Copies the quarantined object back and verifies it; an outcome instead when that must not or did not happen.
 * The copy goes to the source bucket, so it is sent with the source's clients (its account, its Region).
 */
async function copyBack(
  ctx: EngineContext,
  clients: ObjectClients,
  copy: QuarantinedCopy,
  snapshot: ObjectSnapshot,
  tags: readonly ObjectTag[],
  overwrite: boolean,
): Promise<ObjectSnapshot | Unrestored> {
  const destination = { bucket: copy.source.bucket, key: copy.source.key };
  const where = describeLocation(destination);
  const copied = await copyObject(ctx, {
    client: clients.source,
    targetClient: clients.source,
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
  const restored = await headObject(clients.source, destination, 'verify');
  if (!restored) return { outcome: 'FAILED', step: 'verify', reason: `${where} is not there after copying back` };
  const verification = await verifyCopy({ original: ctx.s3, copy: clients.source }, snapshot, restored);
  if (!verification.ok)
    return { outcome: 'FAILED', step: 'verify', reason: `the restored ${where}: ${verification.reason}` };
  await ensureTags(clients.source, restored, tags);
  return restored;
}

/** The copies a sweep kept of each removed version (none in the plain layout), oldest first. */
async function listVersionCopies(ctx: EngineContext, findingId: string): Promise<ObjectSnapshot[]> {
  const prefix = versionsPrefix(findingId);
  const page = await attempt('inspect', `ListObjectsV2 s3://${ctx.quarantineBucket}/${prefix}`, () =>
    ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.quarantineBucket, Prefix: prefix })),
  );
  const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
  const snapshots = await mapConcurrent(keys, HEAD_CONCURRENCY, (key) =>
    headObject(ctx.s3, { bucket: ctx.quarantineBucket, key }, 'inspect'),
  );
  const order = (s: ObjectSnapshot) => Number(decodeProvenance(s.metadata).versionOrder ?? 0);
  return snapshots.filter((s): s is ObjectSnapshot => s !== undefined).sort((a, b) => order(a) - order(b));
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
    const restored = await copyBack(ctx, clients, copy, version, tags, latest !== undefined);
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
          : await copyBack(
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
