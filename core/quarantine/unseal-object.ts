import type { ObjectClients } from '../aws/account-clients';
import type { UnsealResult, UnsealTarget } from '../types/quarantine';
import { copyBack } from './copy-back';
import { copyInPlace } from './copy-in-place';
import { deleteObject } from './delete-object';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { describeMissing } from './inspect-source';
import { listVersionCopies } from './list-version-copies';
import { listVersions } from './list-versions';
import { objectClients } from './object-clients';
import { carriesEncryption, parseEncryption } from './object-encryption';
import { readTags } from './object-tags';
import { decodeProvenance, stripProvenance } from './provenance';
import { versionCopyKey } from './quarantine-key';
import { removeAllVersions } from './remove-all-versions';
import { toFailure } from './StepFailure';
import { decodeSealMarker, type SealMarker, stripSealMarker } from './seal-marker';
import { describeSealed } from './seal-object';
import { verifyCopy } from './verify-copy';

interface Sealed {
  readonly snapshot: ObjectSnapshot;
  readonly marker: SealMarker;
}

/** The sealed version and what sits above it on the key, oldest first (undefined: a delete marker). */
interface SealedKey {
  readonly sealed: Sealed;
  readonly above: readonly (ObjectSnapshot | undefined)[];
  /** The key's current object: the sealed one, or the newest of `above`. */
  readonly current: ObjectSnapshot;
}

/** What a seal kept in quarantine of the versions it removed (nothing unless it removed twins). */
interface KeptVersions {
  /** Every version copy of the finding. */
  readonly copies: readonly ObjectSnapshot[];
  /** The removed versions besides the scanned one, oldest first: re-created below the unsealed object. */
  readonly twins: readonly ObjectSnapshot[];
  /** The scanned version's copy: its bytes come back from the sealed version, so it is only removed. */
  readonly scannedKey?: string;
}

/** How far an earlier unseal got on a versioned key. */
interface Progress {
  /** How many twins are back, right above the sealed version or its newer versions. */
  readonly recreated: number;
  /** The unseal's copy of the sealed version, written on top of the twins. */
  readonly unsealed?: ObjectSnapshot;
  /** Below what the unseal wrote (if anything) sits another object: a writer's, written after the seal. */
  readonly foreign: boolean;
}

/** Versioned: this finding's sealed version below the current object, and what sits above it; undefined when gone. */
async function findSealedVersion(
  clients: ObjectClients,
  current: ObjectSnapshot,
  findingId: string,
): Promise<SealedKey | undefined> {
  if (current.versionId === undefined) return undefined;
  const versions = await listVersions(clients.source, current.bucket, current.key, 'inspect');
  const above: (ObjectSnapshot | undefined)[] = [];
  for (const version of versions) {
    const snapshot = version.deleteMarker
      ? undefined
      : await headObject(clients.source, { ...current, versionId: version.versionId }, 'inspect');
    const marker = snapshot && decodeSealMarker(snapshot.metadata);
    if (snapshot && marker?.findingId === findingId) return { sealed: { snapshot, marker }, above, current };
    above.unshift(snapshot);
  }
  return undefined;
}

/**
 * The seal's version copies. The scanned version's copy is removed first when the unseal finishes (see
 * finishUnseal): while it is there, every twin's copy is too; once it is gone, every twin is back.
 */
async function keptVersions(ctx: EngineContext, findingId: string, sealed: Sealed): Promise<KeptVersions> {
  const { versionId } = sealed.marker.original;
  if (sealed.snapshot.versionId === undefined || versionId === undefined) return { copies: [], twins: [] };
  const copies = await listVersionCopies(ctx, findingId);
  const scannedKey = versionCopyKey(findingId, versionId);
  const removalBegun = !copies.some((c) => c.key === scannedKey);
  return { copies, twins: removalBegun ? [] : copies.filter((c) => c.key !== scannedKey), scannedKey };
}

const recordedEncryption = (copy: ObjectSnapshot) => parseEncryption(decodeProvenance(copy.metadata).sourceEncryption);

function sameMetadata(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const canonical = (m: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(m).sort());
  return canonical(a) === canonical(b);
}

/** Whether `version` is a twin re-created from its copy: its metadata, its encryption, the copy's bytes. */
async function isRecreated(
  ctx: EngineContext,
  clients: ObjectClients,
  copy: ObjectSnapshot,
  version: ObjectSnapshot,
): Promise<boolean> {
  const encryption = recordedEncryption(copy);
  if (encryption && !carriesEncryption(version.encryption, encryption)) return false;
  if (!sameMetadata(stripProvenance(copy.metadata), version.metadata)) return false;
  return (await verifyCopy({ original: ctx.s3, copy: clients.source }, copy, version)).ok;
}

/** Whether `current` is this unseal's own copy of the sealed version. */
async function isUnsealedCopy(clients: ObjectClients, sealed: Sealed, current: ObjectSnapshot): Promise<boolean> {
  if (!carriesEncryption(current.encryption, sealed.marker.original.encryption)) return false;
  return (await verifyCopy({ original: clients.source, copy: clients.source }, sealed.snapshot, current)).ok;
}

/** Whether `versions` (oldest first) are what an unseal writes: the first twins in order, then perhaps its copy. */
async function readOwnWrites(
  ctx: EngineContext,
  clients: ObjectClients,
  sealed: Sealed,
  twins: readonly ObjectSnapshot[],
  versions: readonly (ObjectSnapshot | undefined)[],
): Promise<Omit<Progress, 'foreign'> | undefined> {
  for (const [i, version] of versions.entries()) {
    const twin = twins[i];
    if (!version) return undefined;
    if (twin && !(await isRecreated(ctx, clients, twin, version))) return undefined;
    if (!twin)
      return (await isUnsealedCopy(clients, sealed, version)) ? { recreated: i, unsealed: version } : undefined;
  }
  return { recreated: versions.length };
}

/**
 * Reads an earlier run's progress off the key: the longest run of newest versions that are the unseal's
 * own writes. Counted against every twin, so a twin holding the same metadata as the scanned version is
 * never taken for the unsealed copy.
 */
async function progressOf(
  ctx: EngineContext,
  clients: ObjectClients,
  key: SealedKey,
  twins: readonly ObjectSnapshot[],
): Promise<Progress> {
  const { above } = key;
  for (let start = Math.max(0, above.length - twins.length - 1); start < above.length; start++) {
    const own = await readOwnWrites(ctx, clients, key.sealed, twins, above.slice(start));
    if (own) return { ...own, foreign: start > 0 };
  }
  return { recreated: 0, foreign: above.length > 0 };
}

function conflict(target: UnsealTarget, sealed: Sealed, reason: string): UnsealResult {
  return { outcome: 'CONFLICT', reason, sealed: describeSealed(target, sealed.snapshot, sealed.marker) };
}

const rewrittenDuringUnseal = (key: SealedKey) =>
  `${describeLocation({ bucket: key.current.bucket, key: key.current.key })} was rewritten during the unseal; the writer's object was left in place`;

/**
 * Writes the key's history back, each write only over the object it saw current: the twins still missing,
 * oldest first, each from its copy with its own encryption; then the sealed version in place with its former
 * encryption, user metadata without the marker, headers, storage class and tags as they are. A new version
 * always lands on top, so the twins go first and the unsealed object last, as the current one.
 */
async function writeBack(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  key: SealedKey,
  twins: readonly ObjectSnapshot[],
): Promise<ObjectSnapshot | UnsealResult> {
  const { sealed } = key;
  let latest = key.current;
  for (const twin of twins) {
    const encryption = recordedEncryption(twin);
    const back = await copyBack(ctx, clients, {
      copy: twin,
      destination: { bucket: latest.bucket, key: latest.key },
      tags: await readTags(ctx.s3, twin, 'inspect'),
      replaces: latest,
      ...(encryption ? { encryption } : {}),
    });
    if (back.status === 'key-changed') return conflict(target, sealed, rewrittenDuringUnseal(key));
    if (back.status === 'failed') return { outcome: 'FAILED', step: back.step, reason: back.reason };
    latest = back.restored;
  }
  const copied = await copyInPlace(ctx, clients, {
    source: sealed.snapshot,
    current: latest,
    metadata: stripSealMarker(sealed.snapshot.metadata),
    encryption: sealed.marker.original.encryption,
  });
  if (copied.status === 'key-changed') return conflict(target, sealed, rewrittenDuringUnseal(key));
  if (copied.status === 'unverified') return { outcome: 'FAILED', step: 'verify', reason: copied.reason };
  return copied.written;
}

/**
 * The unsealed object is verified, and every twin is back below it: the version copies leave quarantine,
 * the scanned version's first (a rerun that finds it gone knows the twins are back), then the sealed version
 * goes (versioned; unversioned the copy replaced it). It goes last: while it is there, a rerun finds where
 * the unseal stands.
 */
async function finishUnseal(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  sealed: Sealed,
  kept: KeptVersions,
  restored: ObjectSnapshot,
): Promise<UnsealResult> {
  const ordered = [...kept.copies].sort(
    (a, b) => Number(b.key === kept.scannedKey) - Number(a.key === kept.scannedKey),
  );
  for (const copy of ordered) await removeAllVersions(ctx.s3, { bucket: ctx.quarantineBucket, key: copy.key });
  if (sealed.snapshot.versionId !== undefined) await deleteObject(clients.source, sealed.snapshot);
  ctx.logger.info('unsealed', {
    findingId: target.findingId,
    actor: target.actor,
    restored: describeLocation(restored),
    versionCopiesRemoved: kept.copies.length,
  });
  const { bucket, key, versionId, eTag } = restored;
  return {
    outcome: 'RESTORED',
    sealed: describeSealed(target, sealed.snapshot, sealed.marker),
    restored: { bucket, key, ...(versionId ? { versionId } : {}), eTag },
  };
}

/** Takes the unseal on from wherever an earlier run left it. */
async function unsealFrom(
  ctx: EngineContext,
  clients: ObjectClients,
  target: UnsealTarget,
  key: SealedKey,
): Promise<UnsealResult> {
  const kept = await keptVersions(ctx, target.findingId, key.sealed);
  const progress = await progressOf(ctx, clients, key, kept.twins);
  if (progress.unsealed) return finishUnseal(ctx, clients, target, key.sealed, kept, progress.unsealed);
  if (progress.foreign && !target.force) {
    return conflict(
      target,
      key.sealed,
      `${describeLocation({ bucket: key.current.bucket, key: key.current.key })} holds a newer object written after the seal; force unseals over it (the newer object stays as an older version)`,
    );
  }
  const written = await writeBack(ctx, clients, target, key, kept.twins.slice(progress.recreated));
  if ('outcome' in written) return written;
  return finishUnseal(ctx, clients, target, key.sealed, kept, written);
}

/** The current object is not sealed and no sealed version of this finding is left: an earlier unseal finished. */
function finishedEarlier(target: UnsealTarget, current: ObjectSnapshot): UnsealResult {
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

/**
 * The inverse of a seal. Versioned, the same-bytes versions the seal removed are re-created from their
 * copies in quarantine, oldest first, then the sealed version is copied in place on top with its former
 * encryption → verify → the version copies leave quarantine → the sealed version is deleted. The key's
 * current object must be this finding's sealed one, or what an earlier run of this unseal wrote (which
 * this run finishes); a writer's newer object is a CONFLICT unless `force`.
 */
async function unsealObject(ctx: EngineContext, target: UnsealTarget): Promise<UnsealResult> {
  const location = { bucket: target.source.bucket, key: target.source.key };
  try {
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    const current = await headObject(clients.source, location, 'inspect');
    if (!current) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, location) };
    const marker = decodeSealMarker(current.metadata);
    if (marker && marker.findingId !== target.findingId) {
      return conflict(
        target,
        { snapshot: current, marker },
        `${describeLocation(location)} is sealed by finding ${marker.findingId}, not ${target.findingId}`,
      );
    }
    const key = marker
      ? { sealed: { snapshot: current, marker }, above: [], current }
      : await findSealedVersion(clients, current, target.findingId);
    if (!key) return finishedEarlier(target, current);
    return await unsealFrom(ctx, clients, target, key);
  } catch (err) {
    return toFailure(err);
  }
}

export { unsealObject };
