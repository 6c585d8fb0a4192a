import type { ObjectClients } from '../aws/account-clients';
import type { QuarantinedCopy } from '../types/quarantine';
import { copyObject } from './copy-object';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { formatEncryption, quarantineEncryption } from './object-encryption';
import { ensureTags, readTags } from './object-tags';
import { encodeProvenance } from './provenance';
import { versionCopyKey } from './quarantine-key';
import { StepFailure } from './StepFailure';
import { verifyCopy } from './verify-copy';

/** A version the sweep will remove, with its place among the key's versions (oldest 0). */
interface VersionToKeep {
  readonly versionId: string;
  readonly order: number;
}

/** Whose versions these are: recorded with each copy, as a quarantined copy records its own. */
type KeptFor = Pick<QuarantinedCopy, 'findingId' | 'quarantinedAt' | 'actor'>;

/**
 * Before a sweep removes several versions, a verified copy of each goes to quarantine with its own
 * metadata, headers and tags, so restore can re-create every one in its order. A copy already there (an
 * earlier, interrupted run) is verified and kept: a quarantined copy is never overwritten.
 */
async function keepVersionCopies(
  ctx: EngineContext,
  clients: ObjectClients,
  source: ObjectSnapshot,
  recorded: KeptFor,
  versions: readonly VersionToKeep[],
): Promise<void> {
  for (const { versionId, order } of versions) {
    const version = await headObject(clients.source, { bucket: source.bucket, key: source.key, versionId }, 'copy');
    if (!version) continue; // removed by someone else meanwhile: nothing left to remove, nothing to keep
    const target = { bucket: ctx.quarantineBucket, key: versionCopyKey(recorded.findingId, versionId) };
    const provenance = encodeProvenance(
      {
        findingId: recorded.findingId,
        sourceVersionId: versionId,
        sourceETag: version.eTag,
        quarantinedAt: recorded.quarantinedAt,
        actor: recorded.actor,
        versionOrder: String(order),
        sourceEncryption: formatEncryption(version.encryption),
      },
      version.metadata,
    );
    if (!provenance.ok) throw new StepFailure('copy', 'other', `${describeLocation(version)}: ${provenance.reason}`);
    const tags = await readTags(clients.source, version, 'copy');
    await copyObject(ctx, {
      client: clients.intoQuarantine,
      targetClient: ctx.s3,
      source: version,
      target,
      metadata: provenance.metadata,
      tags,
      exclusive: true,
      encryption: quarantineEncryption(ctx.kmsKeyId),
    });
    const copy = await headObject(ctx.s3, target, 'verify');
    const verification = copy
      ? await verifyCopy({ original: clients.source, copy: ctx.s3 }, version, copy)
      : { ok: false, reason: 'it is not there' };
    if (!copy || !verification.ok) {
      const reason = 'reason' in verification ? verification.reason : '';
      throw new StepFailure('verify', 'other', `the copy of ${describeLocation(version)} does not match: ${reason}`);
    }
    await ensureTags(ctx.s3, copy, tags);
  }
}

export type { KeptFor, VersionToKeep };
export { keepVersionCopies };
