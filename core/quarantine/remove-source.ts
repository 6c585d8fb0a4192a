import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectClients } from '../aws/account-clients';
import { deleteObject } from './delete-object';
import type { EngineContext } from './engine-context';
import type { ObjectSnapshot } from './head-object';
import { type KeptFor, keepVersionCopies } from './keep-version-copies';
import { listVersions, type VersionEntry } from './list-versions';
import { StepFailure } from './StepFailure';

interface Removal {
  /** Unversioned: a writer replaced the key after the verify; its new object was left in place. */
  readonly rewritten: boolean;
  /** Versioned: the ids of the same-bytes versions removed besides the scanned one. */
  readonly twins: readonly string[];
  /** Versioned: a delete marker went on top, because a removed version was current and others remain. */
  readonly hidden: boolean;
}

const isKind = (err: unknown, kind: StepFailure['kind']) => err instanceof StepFailure && err.kind === kind;

/** Unversioned: delete only the object that was verified (`If-Match`); a 412 means a writer replaced it. */
async function removeUnversioned(s3: S3Client, source: ObjectSnapshot): Promise<Removal> {
  try {
    await deleteObject(s3, source, source.eTag || undefined);
    return { rewritten: false, twins: [], hidden: false };
  } catch (err) {
    if (isKind(err, 'precondition')) return { rewritten: true, twins: [], hidden: false };
    // Another run of this finding deleted it first: the verified copy holds its bytes either way.
    if (isKind(err, 'not-found')) return { rewritten: false, twins: [], hidden: false };
    throw err;
  }
}

/**
 * A delete marker on top, so readers see the key as absent rather than an older version rising to the
 * top. `If-Match` on the current version: a writer's newer object is left showing instead.
 */
async function hide(s3: S3Client, source: ObjectSnapshot, current: VersionEntry): Promise<boolean> {
  try {
    await deleteObject(s3, { bucket: source.bucket, key: source.key }, current.eTag);
    return true;
  } catch (err) {
    if (isKind(err, 'precondition')) return false;
    throw err;
  }
}

/**
 * Removes the scanned data from the source bucket, once its copy is verified. On a versioned bucket the
 * exact version is deleted, and so is every other version with the same ETag and size (the same bytes,
 * re-uploaded, perhaps with other metadata or tags): each gets a verified copy in quarantine first. What
 * readers of the key see never changes except to absent: when a removed version is current and other
 * versions would remain, a delete marker goes on top before anything is deleted. The scanned version goes
 * last, so a retry that still finds it redoes the whole sweep. `keep`: a version that stays whatever it holds
 * (a seal's sealed version, which holds the same bytes).
 */
async function removeSource(
  ctx: EngineContext,
  clients: ObjectClients,
  source: ObjectSnapshot,
  recorded: KeptFor,
  keep?: string,
): Promise<Removal> {
  const s3 = clients.source;
  if (source.versionId === undefined) return removeUnversioned(s3, source);
  const entries = await listVersions(s3, source.bucket, source.key, 'delete');
  const versions = entries.filter((v) => !v.deleteMarker && v.versionId !== keep);
  const removed = versions.filter(
    (v) => v.versionId === source.versionId || (v.eTag === source.eTag && v.size === source.size),
  );
  const twins = removed.filter((v) => v.versionId !== source.versionId);
  if (twins.length > 0) {
    // The listing is newest first.
    const order = (v: VersionEntry) => versions.length - 1 - versions.indexOf(v);
    await keepVersionCopies(
      ctx,
      clients,
      source,
      recorded,
      removed.map((v) => ({ versionId: v.versionId, order: order(v) })),
    );
  }
  const current = entries.find((v) => v.latest);
  const othersRemain = versions.length > removed.length;
  const hidden =
    current !== undefined && removed.includes(current) && othersRemain && (await hide(s3, source, current));
  for (const twin of twins) await deleteObject(s3, { ...source, versionId: twin.versionId });
  await deleteObject(s3, source);
  return { rewritten: false, twins: twins.map((t) => t.versionId), hidden };
}

export type { Removal };
export { removeSource };
