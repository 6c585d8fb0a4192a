import type { ObjectClients } from '../aws/account-clients';
import type { ObjectLocation } from '../types/outcome';
import type { QuarantineResult, QuarantineTarget } from '../types/quarantine';
import { copiesInParts, copyObject } from './copy-object';
import { requireCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { assertTarget, checkStale, describeMissing, sourceOf } from './inspect-source';
import { objectClients } from './object-clients';
import { quarantineEncryption } from './object-encryption';
import { ensureTags, type ObjectTag, readTags } from './object-tags';
import { encodeProvenance } from './provenance';
import { buildQuarantineKey, type QuarantineKey } from './quarantine-key';
import { removeSource } from './remove-source';
import { StepFailure, toFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

/** The copy is in place: verify it, then (only then) remove the source. */
async function completeMove(
  ctx: EngineContext,
  clients: ObjectClients,
  original: ObjectSnapshot,
  copy: ObjectSnapshot,
  /** The source's tags, when the copy may have dropped them (see EngineContext.copyDropsTags). */
  tags: readonly ObjectTag[] | undefined,
): Promise<QuarantineResult> {
  const verification = await verifyCopy({ original: clients.source, copy: ctx.s3 }, original, copy);
  if (!verification.ok) {
    return {
      outcome: 'FAILED',
      step: 'verify',
      reason: `the quarantined copy ${copy.key} does not match: ${verification.reason}`,
    };
  }
  if (tags) await ensureTags(ctx.s3, copy, tags);
  const result = requireCopy(copy);
  const removal = await removeSource(ctx, clients, original, result);
  ctx.logger.info('quarantined', {
    findingId: result.findingId,
    source: describeLocation(original),
    quarantineKey: copy.key,
    verifiedBy: verification.basis,
    sameBytesVersionsRemoved: removal.twins,
    hiddenByDeleteMarker: removal.hidden,
    rewrittenDuringMove: removal.rewritten,
  });
  if (removal.rewritten) {
    return {
      outcome: 'QUARANTINED',
      copy: result,
      reason: `${describeLocation(original)} was rewritten during the move; the new object was left in place`,
    };
  }
  return { outcome: 'QUARANTINED', copy: result };
}

/**
 * A copy for this finding already exists (a retry, or a concurrent run). If the source still holds the
 * same bytes (a crash between copy and delete), finish the move; if it is gone, or now holds other data,
 * the finding's data is already safe: leave the source alone.
 */
async function finishMove(
  ctx: EngineContext,
  clients: ObjectClients,
  source: ObjectLocation,
  copy: ObjectSnapshot,
): Promise<QuarantineResult> {
  const recorded = requireCopy(copy);
  const original = await headObject(
    clients.source,
    { ...source, versionId: source.versionId ?? recorded.source.versionId },
    'inspect',
  );
  // The source must still be the object the copy was made of: a rewrite since then holds bytes never scanned.
  const unchanged = original && (recorded.source.eTag === undefined || recorded.source.eTag === original.eTag);
  if (original && unchanged && (await verifyCopy({ original: clients.source, copy: ctx.s3 }, original, copy)).ok) {
    const tags = ctx.copyDropsTags ? await readTags(clients.source, original, 'inspect') : undefined;
    return completeMove(ctx, clients, original, copy, tags);
  }
  return { outcome: 'ALREADY_QUARANTINED', copy: recorded };
}

/**
 * A NoSuchKey after the first HeadObject found the source means it went away mid-move (another finding on
 * the same object moved it, or its owner deleted it): finish this finding's move when its copy exists,
 * otherwise report the source missing. A failure about anything else stays a failure.
 */
async function afterSourceVanished(
  ctx: EngineContext,
  clients: ObjectClients,
  source: ObjectLocation,
  copyLocation: ObjectLocation,
  failure: StepFailure,
): Promise<QuarantineResult> {
  const copy = await headObject(ctx.s3, copyLocation, 'inspect');
  if (copy) return finishMove(ctx, clients, source, copy);
  if (await headObject(clients.source, source, 'inspect')) return toFailure(failure);
  return { outcome: 'SOURCE_MISSING', reason: `${describeLocation(source)} went away during the move` };
}

/** The source is there: check it is still the scanned object, then copy → verify → delete. */
async function move(
  ctx: EngineContext,
  clients: ObjectClients,
  target: QuarantineTarget,
  source: ObjectLocation,
  original: ObjectSnapshot,
  name: QuarantineKey,
  copyLocation: ObjectLocation,
): Promise<QuarantineResult> {
  const stale = checkStale(target, source, original, 'quarantines');
  if (stale) return stale;
  if (original.archived) {
    return {
      outcome: 'FAILED',
      step: 'inspect',
      reason: `${describeLocation(original)} is archived (${original.storageClass ?? 'archive tier'}): restore it from the archive, then run again`,
    };
  }

  // A single CopyObject copies the tags itself; parts carry none, and s3rver drops them.
  const tags =
    copiesInParts(ctx, original) || ctx.copyDropsTags ? await readTags(clients.source, original, 'inspect') : undefined;
  const provenance = encodeProvenance(
    {
      findingId: target.findingId,
      sourceKey: name.sourceKeyInMetadata ? source.key : undefined,
      sourceVersionId: original.versionId,
      sourceETag: original.eTag,
      quarantinedAt: ctx.clock().toISOString(),
      actor: target.actor,
      sourceAccount: target.source.account,
      sourceRegion: target.source.region,
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
    client: clients.intoQuarantine,
    targetClient: ctx.s3,
    source: original,
    target: copyLocation,
    metadata: provenance.metadata,
    ...(tags ? { tags } : {}),
    exclusive: true,
    encryption: quarantineEncryption(ctx.kmsKeyId),
  });
  if (copied.status === 'source-changed') {
    return { outcome: 'STALE', reason: `${describeLocation(source)} changed while it was being copied; run again` };
  }
  // A single CopyObject's reply states what it wrote; a multipart copy, or an earlier run's, is read.
  const copy = (copied.status === 'copied' && copied.written) || (await headObject(ctx.s3, copyLocation, 'verify'));
  if (!copy)
    return { outcome: 'FAILED', step: 'verify', reason: `the copy ${copyLocation.key} is not there after copying` };
  if (copied.status === 'target-exists') return await finishMove(ctx, clients, source, copy);
  return await completeMove(ctx, clients, original, copy, tags);
}

/**
 * copy → verify → delete. Every step leaves the data readable in at least one place, and running the
 * same target again picks up where a failed run stopped.
 */
async function moveToQuarantine(ctx: EngineContext, target: QuarantineTarget): Promise<QuarantineResult> {
  assertTarget(target);
  const source = sourceOf(target);
  const name = buildQuarantineKey(target.findingId, source.bucket, source.key);
  const copyLocation = { bucket: ctx.quarantineBucket, key: name.key };
  try {
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    // A retry looks for its earlier copy first: S3 refuses the exclusive copy onto it, but not every store does.
    const existing = target.firstMove ? undefined : await headObject(ctx.s3, copyLocation, 'inspect');
    try {
      if (existing) return await finishMove(ctx, clients, source, existing);
      const original = await headObject(clients.source, source, 'inspect');
      if (!original) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, source) };
      return await move(ctx, clients, target, source, original, name, copyLocation);
    } catch (err) {
      if (!(err instanceof StepFailure) || err.kind !== 'not-found') throw err;
      return await afterSourceVanished(ctx, clients, source, copyLocation, err);
    }
  } catch (err) {
    return toFailure(err);
  }
}

export { moveToQuarantine };
