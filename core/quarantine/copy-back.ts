import type { ObjectClients } from '../aws/account-clients';
import type { MoveStep, ObjectEncryption } from '../types/quarantine';
import { settlePlace } from './copy-in-place';
import { copyObject } from './copy-object';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { ensureTags, type ObjectTag } from './object-tags';
import { stripProvenance } from './provenance';
import { verifyCopy } from './verify-copy';

/** One copy in the quarantine bucket written back to its source key: a restore, or an unseal's removed version. */
interface CopyBackSpec {
  /** The copy in the quarantine bucket. */
  readonly copy: ObjectSnapshot;
  readonly destination: { readonly bucket: string; readonly key: string };
  readonly tags: readonly ObjectTag[];
  /** What may sit at the destination: nothing, anything (it is replaced), or this current object alone. */
  readonly replaces: 'nothing' | 'anything' | ObjectSnapshot;
  /** @default the destination bucket's default encryption */
  readonly encryption?: ObjectEncryption;
}

type CopyBackResult =
  /** Written, verified and tagged. */
  | { readonly status: 'restored'; readonly restored: ObjectSnapshot }
  /** The destination did not hold what `replaces` allows; nothing of this copy is left there. */
  | { readonly status: 'key-changed' }
  | { readonly status: 'failed'; readonly step: MoveStep; readonly reason: string };

/**
 * Copies a quarantined copy back (metadata without the provenance, its headers, `tags`) and verifies what
 * was written. The copy goes to the source bucket, so it is sent with the source's clients (its account,
 * its Region). Replacing one current object only: `IfMatch`, and on a versioned key the listing as the
 * witness (copy-in-place.ts), so a writer's newer object is never buried.
 */
async function copyBack(ctx: EngineContext, clients: ObjectClients, spec: CopyBackSpec): Promise<CopyBackResult> {
  const { copy, destination, replaces } = spec;
  const replaced = typeof replaces === 'string' ? undefined : replaces;
  const copied = await copyObject(ctx, {
    client: clients.source,
    targetClient: clients.source,
    source: copy,
    target: destination,
    metadata: stripProvenance(copy.metadata),
    tags: spec.tags,
    exclusive: replaces === 'nothing',
    ...(replaced?.eTag ? { ifMatch: replaced.eTag } : {}),
    ...(spec.encryption ? { encryption: spec.encryption } : {}),
  });
  if (copied.status === 'target-exists' || (copied.status === 'source-changed' && replaced)) {
    return { status: 'key-changed' };
  }
  if (copied.status === 'source-changed') {
    return { status: 'failed', step: 'copy', reason: 'the quarantined copy changed during the restore; run again' };
  }
  const where = describeLocation(destination);
  const restored = await headObject(
    clients.source,
    { ...destination, ...(copied.versionId ? { versionId: copied.versionId } : {}) },
    'verify',
  );
  if (!restored) return { status: 'failed', step: 'verify', reason: `${where} is not there after copying back` };
  if (replaced?.versionId !== undefined && restored.versionId !== undefined) {
    if ((await settlePlace(ctx, clients, restored, replaced)) === 'rolled-back') return { status: 'key-changed' };
  }
  const verification = await verifyCopy({ original: ctx.s3, copy: clients.source }, copy, restored);
  if (!verification.ok) {
    return { status: 'failed', step: 'verify', reason: `the restored ${where}: ${verification.reason}` };
  }
  await ensureTags(clients.source, restored, spec.tags);
  return { status: 'restored', restored };
}

export type { CopyBackResult, CopyBackSpec };
export { copyBack };
