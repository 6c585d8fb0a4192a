import type { LedgerRecord, LedgerState } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { QuarantineResult } from '../types/quarantine';
import { announceOutcome } from './announce-outcome';
import type { RemediationJob } from './ports';
import type { JobDeps } from './RemediationDeps';
import { recordOutcome } from './record-outcome';
import { resultFromRecord } from './result-from-record';

/** States from which someone may (re)start a remediation directly, e.g. from the CLI. */
const REMEDIABLE: readonly LedgerState[] = ['AWAITING_REVIEW', 'FAILED', 'DISMISSED', 'RESTORED', 'LINKED'];

/**
 * The remediator's work: move the object of a claimed finding into quarantine, record the outcome,
 * and update Slack. A finding not yet claimed (CLI, retry) is claimed first, so two runs never move
 * the same object twice.
 */
async function runRemediation(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<RemediationResult> {
  const claimed = record.state === 'REMEDIATING' ? record : await claim(deps, job, record);
  if (!('findingId' in claimed)) return claimed.result;

  const moved = await deps.quarantine.quarantine({
    findingId: claimed.findingId,
    source: job.expected ? { ...claimed.source, ...job.expected } : claimed.source,
    actor: job.actor,
    ...(job.force ? { force: true } : {}),
  });
  const result = toResult(claimed, moved);
  const landed = moved.outcome === 'QUARANTINED' || moved.outcome === 'ALREADY_QUARANTINED';
  const latest = await recordOutcome(deps, claimed, result, {
    from: 'REMEDIATING',
    to: landed ? 'QUARANTINED' : 'FAILED',
    action: landed ? 'quarantined' : 'remediation-failed',
    actor: job.actor,
    ...(result.quarantine ? { patch: { quarantine: result.quarantine } } : {}),
  });
  if (!landed) await deps.ledger.releaseObject(latest.objectIdentity, latest.findingId);

  await announceOutcome(deps, latest, result, job.actor);
  deps.logger.info('remediation finished', { findingId: job.findingId, outcome: result.outcome });
  return result;
}

async function claim(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<LedgerRecord | { result: RemediationResult }> {
  if (record.state === 'QUARANTINED') return { result: resultFromRecord(record) };
  const claimed = await deps.ledger.transition(record.findingId, {
    from: REMEDIABLE,
    to: 'REMEDIATING',
    event: { at: deps.clock().toISOString(), actor: job.actor, action: 'remediation-started' },
  });
  if (claimed.ok) return claimed.record;
  const current = claimed.current ?? record;
  if (current.state === 'QUARANTINED') return { result: resultFromRecord(current) };
  return {
    result: {
      ...resultFromRecord(current),
      outcome: 'FAILED',
      reason: `finding is ${current.state.toLowerCase().replace('_', ' ')}; not started`,
    },
  };
}

function toResult(record: LedgerRecord, moved: QuarantineResult): RemediationResult {
  const { bucket, key, versionId } = record.source;
  const source = { bucket, key, ...(versionId ? { versionId } : {}) };
  if (moved.outcome === 'QUARANTINED' || moved.outcome === 'ALREADY_QUARANTINED') {
    const { bucket: qBucket, key: qKey } = moved.copy.quarantine;
    return { findingId: record.findingId, outcome: moved.outcome, source, quarantine: { bucket: qBucket, key: qKey } };
  }
  return { findingId: record.findingId, outcome: moved.outcome, source, reason: moved.reason };
}

export { runRemediation };
