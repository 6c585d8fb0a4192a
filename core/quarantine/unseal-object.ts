import type { ObjectClients } from '../aws/account-clients';
import type { UnsealResult, UnsealTarget } from '../types/quarantine';
import { copyInPlace } from './copy-in-place';
import { deleteObject } from './delete-object';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { describeMissing } from './inspect-source';
import { listVersions } from './list-versions';
import { objectClients } from './object-clients';
import { toFailure } from './StepFailure';
import { decodeSealMarker, type SealMarker, stripSealMarker } from './seal-marker';
import { describeSealed } from './seal-object';
import { verifyCopy } from './verify-copy';

interface Sealed {
  readonly snapshot: ObjectSnapshot;
  readonly marker: SealMarker;
}

/** Versioned: this finding's sealed version below the current object, newest first; undefined when gone. */
async function findSealedVersion(
  clients: ObjectClients,
  current: ObjectSnapshot,
  findingId: string,
): Promise<Sealed | undefined> {
  if (current.versionId === undefined) return undefined;
  const versions = await listVersions(clients.source, current.bucket, current.key, 'inspect');
  for (const version of versions) {
    if (version.deleteMarker || version.latest) continue;
    const snapshot = await headObject(clients.source, { ...current, versionId: version.versionId }, 'inspect');
    const marker = snapshot && decodeSealMarker(snapshot.metadata);
    if (snapshot && marker?.findingId === findingId) return { snapshot, marker };
  }
  return undefined;
}

/** Whether `current` is this unseal's own copy of the sealed version (a run killed before removing it). */
async function isUnsealedCopy(clients: ObjectClients, sealed: Sealed, current: ObjectSnapshot): Promise<boolean> {
  const { algorithm, kmsKeyId } = sealed.marker.original.encryption;
  const sameEncryption =
    current.encryption.algorithm === algorithm || (algorithm === 'NONE' && current.encryption.algorithm === 'AES256');
  if (!sameEncryption || (kmsKeyId !== undefined && current.encryption.kmsKeyId !== kmsKeyId)) return false;
  return (await verifyCopy({ original: clients.source, copy: clients.source }, sealed.snapshot, current)).ok;
}

/** The unsealed object is verified: the sealed version goes (versioned; unversioned the copy replaced it). */
async function finishUnseal(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  sealed: Sealed,
  restored: ObjectSnapshot,
): Promise<UnsealResult> {
  if (sealed.snapshot.versionId !== undefined) await deleteObject(clients.source, sealed.snapshot);
  ctx.logger.info('unsealed', {
    findingId: target.findingId,
    actor: target.actor,
    restored: describeLocation(restored),
  });
  const { bucket, key, versionId, eTag } = restored;
  return {
    outcome: 'RESTORED',
    sealed: describeSealed(target, sealed.snapshot, sealed.marker),
    restored: { bucket, key, ...(versionId ? { versionId } : {}), eTag },
  };
}

/** Copies the sealed version onto the key with its former encryption, metadata as before the seal. */
async function unsealFrom(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  sealed: Sealed,
  current: ObjectSnapshot,
): Promise<UnsealResult> {
  const copied = await copyInPlace(ctx, clients, {
    source: sealed.snapshot,
    current,
    metadata: stripSealMarker(sealed.snapshot.metadata),
    encryption: sealed.marker.original.encryption,
  });
  if (copied.status === 'key-changed') {
    return {
      outcome: 'CONFLICT',
      reason: `${describeLocation(current)} was rewritten during the unseal; the writer's object was left in place`,
      sealed: describeSealed(target, sealed.snapshot, sealed.marker),
    };
  }
  if (copied.status === 'unverified') return { outcome: 'FAILED', step: 'verify', reason: copied.reason };
  return finishUnseal(ctx, clients, target, sealed, copied.written);
}

/**
 * The current object is not sealed. Versioned, this finding's sealed version may still sit below it: the
 * current object is then an unseal's own copy (finish it), or a writer's newer object (CONFLICT unless
 * `force`). With no sealed version left, an earlier unseal finished: RESTORED.
 */
async function afterUnsealed(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  current: ObjectSnapshot,
): Promise<UnsealResult> {
  const sealed = await findSealedVersion(clients, current, target.findingId);
  if (!sealed) {
    const { bucket, key, versionId, eTag, encryption } = current;
    return {
      outcome: 'RESTORED',
      // Nothing records the seal any more: the restored object stands for it.
      sealed: describeSealed(target, current, {
        findingId: target.findingId,
        original: { ...(versionId ? { versionId } : {}), eTag, encryption },
        sealedAt: '',
        actor: 'unknown',
      }),
      restored: { bucket, key, ...(versionId ? { versionId } : {}), eTag },
    };
  }
  if (await isUnsealedCopy(clients, sealed, current)) return finishUnseal(ctx, clients, target, sealed, current);
  if (!target.force) {
    return {
      outcome: 'CONFLICT',
      reason: `${describeLocation({ bucket: current.bucket, key: current.key })} holds a newer object written after the seal; force unseals over it (the newer object stays as an older version)`,
      sealed: describeSealed(target, sealed.snapshot, sealed.marker),
    };
  }
  return unsealFrom(ctx, clients, target, sealed, current);
}

/**
 * The inverse of a seal: the key's current object must be this finding's sealed one → copy it in place with
 * its former encryption, user metadata without the marker, headers, storage class and tags as they are →
 * verify → (versioned) delete the sealed version. A rerun finishes a killed one.
 */
async function unsealObject(ctx: EngineContext, target: UnsealTarget): Promise<UnsealResult> {
  const location = { bucket: target.source.bucket, key: target.source.key };
  try {
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    const current = await headObject(clients.source, location, 'inspect');
    if (!current) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, location) };
    const marker = decodeSealMarker(current.metadata);
    if (!marker) return await afterUnsealed(ctx, clients, target, current);
    if (marker.findingId !== target.findingId) {
      return {
        outcome: 'CONFLICT',
        reason: `${describeLocation(location)} is sealed by finding ${marker.findingId}, not ${target.findingId}`,
        sealed: describeSealed(target, current, marker),
      };
    }
    return await unsealFrom(ctx, clients, target, { snapshot: current, marker }, current);
  } catch (err) {
    return toFailure(err);
  }
}

export { unsealObject };
