import { locationOfIdentity } from '../finding/object-identity';
import { normaliseETag } from '../quarantine/normalise-etag';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import { announceSafely } from './announce-safely';
import { holdFinding } from './hold-finding';
import { legalHoldRefusal } from './legal-hold-refusal';
import type { JobDeps } from './RemediationDeps';
import { recordOutcome } from './record-outcome';
import { undoAction } from './remediation-actions';
import { approveRestore } from './restore-approval';
import { resultFromRecord } from './result-from-record';
import { syncSecurityHub } from './sync-security-hub';

/**
 * Puts a quarantined object back where it was found. The ledger state follows the data: RESTORED
 * only when the object is back; on CONFLICT or failure the copy is still in quarantine, so the
 * finding stays QUARANTINED. Like a remediation, the job holds the finding's lease while it works.
 */
async function runRestore(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<RemediationResult> {
  // Before the approval too: a held copy is not restored, so nobody's approval of it counts.
  const held = legalHoldRefusal(record);
  if (held) return { ...resultFromRecord(record), outcome: 'FAILED', reason: held };
  // A job dispatched under a click's lease was approved by the click's own write.
  const approval =
    job.lease !== undefined && record.lease?.owner === job.lease
      ? undefined
      : await approveRestore(
          deps,
          record,
          { principal: job.approver ?? job.actor, actor: job.actor, ...(job.reason ? { reason: job.reason } : {}) },
          { starter: 'run' },
        );
  if (approval && !approval.go) {
    return { ...resultFromRecord(approval.record), outcome: 'PENDING_APPROVAL', reason: approval.reason };
  }
  const hold = await holdFinding(deps, job, record, 'restore', {
    ...(approval?.secondApprover ? { secondApprover: approval.secondApprover } : {}),
  });
  if ('result' in hold) return hold.result;
  const claimed = hold.held;

  const { result, back, eTag } = await undoAction(deps, claimed, job);
  // Before the outcome is recorded: a run killed in between leaves RESTORING, and its rerun remembers again.
  if (back) await rememberRestore(deps, claimed, eTag, job.actor);
  const latest = await recordOutcome(deps, claimed, result, {
    kind: 'restore',
    landed: back,
    actor: job.actor,
    lease: hold.lease,
    ...(job.reason ? { reason: job.reason } : {}),
  });
  if (!latest.recorded) return result;
  if (back) await deps.ledger.releaseObject(latest.record.objectIdentity, latest.record.findingId);
  await announceSafely(deps, latest.record, (announcer) =>
    announcer.outcome(latest.record, result, job.actor, 'restore'),
  );
  await syncSecurityHub(deps, latest.record);
  deps.logger.info('restore finished', { findingId: job.findingId, outcome: result.outcome });
  return result;
}

/**
 * The object is back: the restore is remembered by the object's location, so a re-scan of the same bytes
 * is linked to this decision instead of being quarantined again (core/remediation/restored-rescan.ts).
 */
async function rememberRestore(deps: JobDeps, record: LedgerRecord, restoredETag: string | undefined, actor: string) {
  const eTag = normaliseETag(restoredETag || record.source.eTag);
  if (!eTag) return;
  await deps.ledger.rememberRestore({
    location: locationOfIdentity(record.objectIdentity),
    eTag,
    findingId: record.findingId,
    actor,
    restoredAt: deps.clock().toISOString(),
  });
}

export { runRestore };
