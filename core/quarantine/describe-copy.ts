import { RemediateError } from '../errors';
import type { QuarantinedCopy } from '../types/quarantine';
import type { ObjectSnapshot } from './head-object';
import { decodeProvenance } from './provenance';
import { parseQuarantineKey } from './quarantine-key';

/**
 * A quarantined copy as restore and `list` see it: the finding id and source bucket from its key, the rest
 * from its metadata. Fields that gave way to S3's metadata limit fall back to the object's own facts.
 * Undefined for objects this engine did not write.
 */
function describeCopy(snapshot: ObjectSnapshot): QuarantinedCopy | undefined {
  const parsed = parseQuarantineKey(snapshot.key);
  if (!parsed) return undefined;
  const provenance = decodeProvenance(snapshot.metadata);
  return {
    findingId: parsed.findingId,
    source: {
      bucket: parsed.bucket,
      key: provenance.sourceKey ?? parsed.key,
      versionId: provenance.sourceVersionId,
      eTag: provenance.sourceETag,
      ...(provenance.sourceAccount ? { account: provenance.sourceAccount } : {}),
      ...(provenance.sourceRegion ? { region: provenance.sourceRegion } : {}),
    },
    quarantine: { bucket: snapshot.bucket, key: snapshot.key, versionId: snapshot.versionId },
    size: snapshot.size,
    quarantinedAt: provenance.quarantinedAt ?? snapshot.lastModified?.toISOString() ?? '',
    actor: provenance.actor ?? 'unknown',
  };
}

/** describeCopy for a key this engine just built: failing to parse it back is a bug. */
function requireCopy(snapshot: ObjectSnapshot): QuarantinedCopy {
  const copy = describeCopy(snapshot);
  if (!copy) throw new RemediateError('INTERNAL', `quarantine key ${snapshot.key} does not parse back`);
  return copy;
}

export { describeCopy, requireCopy };
