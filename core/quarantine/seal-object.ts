import type { ObjectClients } from '../aws/account-clients';
import type { ObjectLocation } from '../types/outcome';
import type { QuarantineTarget, SealedObject, SealResult } from '../types/quarantine';
import { copyInPlace } from './copy-in-place';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { assertTarget, checkStale, describeMissing, sourceOf } from './inspect-source';
import { objectClients } from './object-clients';
import { kmsKeyRegion, quarantineEncryption } from './object-encryption';
import { removeSource } from './remove-source';
import { toFailure } from './StepFailure';
import { decodeSealMarker, encodeSealMarker, type SealMarker } from './seal-marker';
import { verifyCopy } from './verify-copy';

type Failed = Extract<SealResult, { outcome: 'FAILED' }>;

const failAtInspect = (reason: string): Failed => ({ outcome: 'FAILED', step: 'inspect', reason });

/**
 * Sealing needs the quarantine KMS key, in the bucket's Region: S3 encrypts with a key of its own Region
 * only. A bare key id or alias is resolved in the bucket's Region, so only an ARN can be checked here.
 */
async function sealKeyProblem(ctx: EngineContext, target: QuarantineTarget): Promise<Failed | undefined> {
  if (!ctx.kmsKeyId) {
    return failAtInspect(
      'no quarantine KMS key is configured (kmsKeyId): sealing re-encrypts with it; set it, or quarantine instead',
    );
  }
  const keyRegion = kmsKeyRegion(ctx.kmsKeyId);
  const bucketRegion = target.source.region ?? (await ctx.s3.config.region());
  if (keyRegion === undefined || keyRegion === bucketRegion) return undefined;
  return failAtInspect(
    `s3://${target.source.bucket} is in ${bucketRegion} but the quarantine KMS key is in ${keyRegion} (KMS keys are regional): give the engine a key in ${bucketRegion} (a multi-Region replica), or quarantine instead`,
  );
}

function describeSealed(
  target: Pick<QuarantineTarget, 'source'>,
  sealed: ObjectSnapshot,
  marker: SealMarker,
): SealedObject {
  const { account, region } = target.source;
  return {
    findingId: marker.findingId,
    location: {
      bucket: sealed.bucket,
      key: sealed.key,
      ...(sealed.versionId ? { versionId: sealed.versionId } : {}),
      ...(account ? { account } : {}),
      ...(region ? { region } : {}),
    },
    original: marker.original,
    size: sealed.size,
    sealedAt: marker.sealedAt,
    actor: marker.actor,
  };
}

/**
 * The sealed object is verified: on a versioned bucket the scanned version goes, and every older one holding
 * the same bytes (each kept in quarantine first, as a move keeps them), so no reader reads them any more.
 * Unversioned, the copy already replaced the bytes: nothing is left to remove.
 */
async function finishSeal(
  ctx: EngineContext,
  clients: ObjectClients,
  target: QuarantineTarget,
  original: ObjectSnapshot,
  sealed: ObjectSnapshot,
  marker: SealMarker,
  overtaken: boolean,
): Promise<SealResult> {
  const removal =
    original.versionId === undefined
      ? undefined
      : await removeSource(
          ctx,
          clients,
          original,
          { findingId: marker.findingId, quarantinedAt: marker.sealedAt, actor: marker.actor },
          sealed.versionId,
        );
  ctx.logger.info('sealed', {
    findingId: marker.findingId,
    sealed: describeLocation(sealed),
    sameBytesVersionsRemoved: removal?.twins ?? [],
    rewrittenDuringSeal: overtaken,
  });
  const result = describeSealed(target, sealed, marker);
  return overtaken
    ? {
        outcome: 'SEALED',
        sealed: result,
        reason: `${describeLocation(original)} was rewritten during the seal; the new object was left in place`,
      }
    : { outcome: 'SEALED', sealed: result };
}

/**
 * The key's current object carries a seal marker. This finding's: a finished seal (ALREADY_SEALED), or a
 * killed one whose scanned version is still there, which this run verifies and finishes. Another finding's:
 * the bytes are sealed already; sealing again would overwrite the record of their encryption.
 */
async function resumeSeal(
  ctx: EngineContext,
  clients: ObjectClients,
  target: QuarantineTarget,
  current: ObjectSnapshot,
  marker: SealMarker,
): Promise<SealResult> {
  const sealed = describeSealed(target, current, marker);
  const versionId = marker.original.versionId;
  if (marker.findingId !== target.findingId || versionId === undefined) return { outcome: 'ALREADY_SEALED', sealed };
  const original = await headObject(clients.source, { bucket: current.bucket, key: current.key, versionId }, 'inspect');
  if (!original) return { outcome: 'ALREADY_SEALED', sealed };
  const verification = await verifyCopy({ original: clients.source, copy: clients.source }, original, current);
  if (!verification.ok) {
    return {
      outcome: 'FAILED',
      step: 'verify',
      reason: `the sealed ${describeLocation(current)}: ${verification.reason}`,
    };
  }
  return finishSeal(ctx, clients, target, original, current, marker, false);
}

/** The scanned object, when it may be sealed: it exists, is unchanged, current and copyable. */
async function inspect(
  clients: ObjectClients,
  target: QuarantineTarget,
  source: ObjectLocation,
  current: ObjectSnapshot | undefined,
): Promise<ObjectSnapshot | Exclude<SealResult, { outcome: 'SEALED' | 'ALREADY_SEALED' }>> {
  const original = source.versionId ? await headObject(clients.source, source, 'inspect') : current;
  if (!original) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, source) };
  const stale = checkStale(target, source, original, 'seals');
  if (stale) return stale;
  if (!current) {
    return {
      outcome: 'SOURCE_MISSING',
      reason: `s3://${source.bucket}/${source.key} reads as deleted (a delete marker): nothing to seal`,
    };
  }
  if (current.versionId !== original.versionId) {
    return {
      outcome: 'STALE',
      reason: `${describeLocation(original)} is no longer the current version of the key: sealing it would roll the key back to older bytes; quarantine it instead`,
      currentETag: current.eTag,
    };
  }
  if (original.archived) {
    return failAtInspect(
      `${describeLocation(original)} is archived (${original.storageClass ?? 'archive tier'}): restore it from the archive, then run again`,
    );
  }
  return original;
}

/**
 * Seals the scanned object in place: inspect → copy it onto its own key, SSE-KMS with the quarantine key
 * and a marker recording its former encryption → verify → (versioned) remove the readable versions holding
 * the same bytes. Readers without the key get AccessDenied where the data was. A rerun finishes a killed one.
 */
async function sealObject(ctx: EngineContext, target: QuarantineTarget): Promise<SealResult> {
  assertTarget(target);
  const source = sourceOf(target);
  try {
    const keyProblem = await sealKeyProblem(ctx, target);
    if (keyProblem) return keyProblem;
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    const current = await headObject(clients.source, { bucket: source.bucket, key: source.key }, 'inspect');
    const existing = current && decodeSealMarker(current.metadata);
    if (current && existing) return await resumeSeal(ctx, clients, target, current, existing);

    const original = await inspect(clients, target, source, current);
    if ('outcome' in original) return original;
    const marker: SealMarker = {
      findingId: target.findingId,
      original: {
        ...(original.versionId ? { versionId: original.versionId } : {}),
        ...(original.eTag ? { eTag: original.eTag } : {}),
        encryption: original.encryption,
      },
      sealedAt: ctx.clock().toISOString(),
      actor: target.actor,
    };
    const encoded = encodeSealMarker(marker, original.metadata);
    if (!encoded.ok) return failAtInspect(`${describeLocation(original)}: ${encoded.reason}`);

    const sealing = await copyInPlace(ctx, clients, {
      source: original,
      current: original,
      metadata: encoded.metadata,
      encryption: quarantineEncryption(ctx.kmsKeyId),
    });
    if (sealing.status === 'key-changed') {
      return {
        outcome: 'STALE',
        reason: `${describeLocation(source)} changed while it was being sealed; the writer's object was left in place`,
      };
    }
    if (sealing.status === 'unverified') return { outcome: 'FAILED', step: 'verify', reason: sealing.reason };
    return await finishSeal(ctx, clients, target, original, sealing.written, marker, sealing.overtaken);
  } catch (err) {
    return toFailure(err);
  }
}

export { describeSealed, sealObject };
