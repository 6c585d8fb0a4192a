import type { Finding } from '../types/finding';
import type { RestoredObject } from '../types/ledger';

/**
 * May this finding act on its object, given the last restore of the object's location? Not when a person
 * put these very bytes back (same ETag; the version id changes with a restore into a versioned bucket):
 * Macie re-scanning them is no new decision, AUTO or REVIEW. Changed bytes, a finding without an ETag, or a
 * restore done by the policy (`auto`) protect nothing, and neither does the restore's own finding.
 * @returns the restore that decided this object, or `undefined` when the finding is decided as usual.
 */
function restoreThatDecided(restore: RestoredObject | undefined, finding: Finding): RestoredObject | undefined {
  if (!restore || restore.actor === 'auto' || restore.findingId === finding.id) return undefined;
  // The finding's ETag arrives unquoted (finding-schema), the restore's is stored normalised (run-restore).
  const eTag = finding.object?.eTag?.toLowerCase();
  return eTag !== undefined && eTag === restore.eTag ? restore : undefined;
}

export { restoreThatDecided };
