import type { ObjectClients } from '../aws/account-clients';
import type { ObjectEncryption } from '../types/quarantine';
import { compareObjects } from './compare-objects';
import { copiesInParts, copyObject } from './copy-object';
import { deleteObject } from './delete-object';
import { type Digest, digestObject } from './digest-object';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { listVersions } from './list-versions';
import { ensureTags, readTags } from './object-tags';
import type { Verification } from './verify-copy';
import { verifyCopy } from './verify-copy';

/** Rewrites one object version onto its own key: the seal and the unseal. */
interface InPlaceSpec {
  /** The version whose bytes are written (the scanned one, or the sealed one). */
  readonly source: ObjectSnapshot;
  /** What the key holds now: the copy replaces only this object (`IfMatch`). */
  readonly current: ObjectSnapshot;
  /** The complete user metadata of the new object. */
  readonly metadata: Readonly<Record<string, string>>;
  /** @default the bucket's default encryption */
  readonly encryption?: ObjectEncryption;
}

type InPlaceResult =
  /** Written and verified; `overtaken`: a writer's newer object sits on top of it (versioned buckets). */
  | { readonly status: 'written'; readonly written: ObjectSnapshot; readonly overtaken: boolean }
  /** The key changed first: nothing of this copy is left (a rolled-back key is undone), the writer's object stays. */
  | { readonly status: 'key-changed' }
  | { readonly status: 'unverified'; readonly reason: string };

/**
 * Unversioned, the copy replaces the only bytes there are: when metadata cannot prove the new object holds
 * them (no full-object checksum to compare), they are read and hashed before, to compare after.
 */
async function digestBeforeReplacing(clients: ObjectClients, source: ObjectSnapshot): Promise<Digest | undefined> {
  if (source.versionId !== undefined || source.checksum?.type === 'FULL_OBJECT') return undefined;
  return digestObject(clients.source, source, 'inspect');
}

async function verifyInPlace(
  clients: ObjectClients,
  source: ObjectSnapshot,
  written: ObjectSnapshot,
  before: Digest | undefined,
): Promise<Verification> {
  if (source.versionId !== undefined)
    return verifyCopy({ original: clients.source, copy: clients.source }, source, written);
  const comparison = compareObjects(source, written);
  if (comparison.verdict === 'same') return { ok: true, basis: comparison.basis };
  if (comparison.verdict === 'different') return { ok: false, reason: comparison.reason };
  const after = await digestObject(clients.source, written, 'verify');
  return before && before.sha256 === after.sha256 && before.size === after.size
    ? { ok: true, basis: 'read-back' }
    : { ok: false, reason: 'the bytes differ (both read back and compared by SHA-256)' };
}

/**
 * Where a versioned copy landed among the key's versions. Real S3 refuses the copy when a writer changed the
 * key since it was read (`IfMatch`); moto does not, so the listing is the witness: the version just below
 * ours must be the one the copy replaced, or the copy rolled the key back over a writer's object.
 */
async function placeOf(
  clients: ObjectClients,
  written: ObjectSnapshot,
  replaced: ObjectSnapshot,
): Promise<'in-place' | 'overtaken' | 'rolled-back'> {
  const versions = await listVersions(clients.source, written.bucket, written.key, 'verify');
  const index = versions.findIndex((v) => v.versionId === written.versionId);
  if (versions[index + 1]?.versionId !== replaced.versionId) return 'rolled-back';
  return index === 0 ? 'in-place' : 'overtaken';
}

/**
 * Where a versioned copy that was to replace `replaced` landed; one that rolled the key back over a writer's
 * object is deleted again, so the key reads the writer's bytes.
 */
async function settlePlace(
  ctx: EngineContext,
  clients: ObjectClients,
  written: ObjectSnapshot,
  replaced: ObjectSnapshot,
): Promise<'in-place' | 'overtaken' | 'rolled-back'> {
  const place = await placeOf(clients, written, replaced);
  if (place === 'rolled-back') {
    await deleteObject(clients.source, written);
    ctx.logger.warn('a copy in place landed over a newer object and was deleted again', {
      location: describeLocation(written),
    });
  }
  return place;
}

/**
 * Copy onto the same key (server-side, with the source's content headers, storage class and tags) → find
 * what was written → verify it. The key's current object is replaced only if it is still `current`; a
 * copy that landed over a writer's object anyway is deleted again, so the key reads the writer's bytes.
 */
async function copyInPlace(ctx: EngineContext, clients: ObjectClients, spec: InPlaceSpec): Promise<InPlaceResult> {
  const { source, current } = spec;
  const location = { bucket: source.bucket, key: source.key };
  // A single CopyObject copies the tags itself; parts carry none, and s3rver drops them.
  const tags =
    copiesInParts(ctx, source) || ctx.copyDropsTags ? await readTags(clients.source, source, 'inspect') : undefined;
  const before = await digestBeforeReplacing(clients, source);
  const copied = await copyObject(ctx, {
    client: clients.source,
    targetClient: clients.source,
    source,
    target: location,
    metadata: spec.metadata,
    ...(tags ? { tags } : {}),
    exclusive: false,
    ifMatch: current.eTag || undefined,
    storageClass: source.storageClass,
    ...(spec.encryption ? { encryption: spec.encryption } : {}),
  });
  if (copied.status !== 'copied') return { status: 'key-changed' };

  const versioned = source.versionId !== undefined;
  const written = await headObject(
    clients.source,
    { ...location, ...(versioned && copied.versionId ? { versionId: copied.versionId } : {}) },
    'verify',
  );
  // Unversioned, another ETag than the copy's means a writer replaced it at once: the writer's object stays.
  if (!written || (!versioned && copied.eTag !== undefined && written.eTag !== copied.eTag)) {
    return { status: 'key-changed' };
  }
  const place = versioned ? await settlePlace(ctx, clients, written, current) : 'in-place';
  if (place === 'rolled-back') return { status: 'key-changed' };
  const verification = await verifyInPlace(clients, source, written, before);
  if (!verification.ok) {
    // Versioned, the source version still holds the bytes: the bad copy goes, so the key reads as before.
    if (versioned) await deleteObject(clients.source, written);
    return { status: 'unverified', reason: `${describeLocation(written)}: ${verification.reason}` };
  }
  if (tags) await ensureTags(clients.source, written, tags);
  return { status: 'written', written, overtaken: place === 'overtaken' };
}

export type { InPlaceResult, InPlaceSpec };
export { copyInPlace, settlePlace };
