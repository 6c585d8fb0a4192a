import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import type { QuarantineResult } from '../types/quarantine';
import { announceOutcome } from './announce-outcome';
import { holdFinding } from './hold-finding';
import type { JobDeps } from './RemediationDeps';
import { recordOutcome } from './record-outcome';
import { syncSecurityHub } from './sync-security-hub';

/**
 * The remediator's work: move the object of a finding this job holds into quarantine, record the
 * outcome, and update Slack. A job that does not hold the finding yet (CLI, retry, backfill) takes it
 * first, so two runs never move the same object, and only the one that moved it announces.
 */
async function runRemediation(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<RemediationResult> {
  const hold = await holdFinding(deps, job, record, 'remediate');
  if ('result' in hold) return hold.result;
  const claimed = hold.held;

  const moved = await deps.quarantine.quarantine({
    findingId: claimed.findingId,
    source: { ...claimed.source, ...job.expected, ...whereFrom(claimed) },
    actor: job.actor,
    ...(job.force ? { force: true } : {}),
  });
  const result = toResult(claimed, moved);
  const landed = moved.outcome === 'QUARANTINED' || moved.outcome === 'ALREADY_QUARANTINED';
  const latest = await recordOutcome(deps, claimed, result, {
    kind: 'remediate',
    landed,
    actor: job.actor,
    lease: hold.lease,
    ...(job.reason ? { reason: job.reason } : {}),
    ...(result.quarantine ? { patch: { quarantine: result.quarantine } } : {}),
  });
  if (!latest.recorded) return result;
  if (!landed) await deps.ledger.releaseObject(latest.record.objectIdentity, latest.record.findingId);

  await announceOutcome(deps, latest.record, result, job.actor, 'remediate');
  await syncSecurityHub(deps, latest.record);
  deps.logger.info('remediation finished', { findingId: job.findingId, outcome: result.outcome });
  return result;
}

/** Whose object, in which Region: the finding says; a record without one is the own account's, in the home Region. */
function whereFrom(record: LedgerRecord): { readonly account?: string; readonly region?: string } {
  const finding = record.finding;
  return finding ? { account: finding.accountId, region: finding.region } : {};
}

function toResult(record: LedgerRecord, moved: QuarantineResult): RemediationResult {
  const { bucket, key, versionId } = record.source;
  const source = { bucket, key, ...(versionId ? { versionId } : {}) };
  if (moved.outcome === 'QUARANTINED' || moved.outcome === 'ALREADY_QUARANTINED') {
    const { bucket: qBucket, key: qKey } = moved.copy.quarantine;
    const reason = moved.outcome === 'QUARANTINED' && moved.reason ? { reason: moved.reason } : {};
    return {
      findingId: record.findingId,
      outcome: moved.outcome,
      source,
      quarantine: { bucket: qBucket, key: qKey },
      ...reason,
    };
  }
  return { findingId: record.findingId, outcome: moved.outcome, source, reason: moved.reason };
}

export { runRemediation };
