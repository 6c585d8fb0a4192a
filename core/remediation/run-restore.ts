import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RestoreResult } from '../types/quarantine';
import { announceSafely } from './announce-safely';
import type { RemediationJob } from './ports';
import type { JobDeps } from './RemediationDeps';
import { recordOutcome } from './record-outcome';
import { resultFromRecord } from './result-from-record';

/**
 * Puts a quarantined object back where it was found. The ledger state follows the data: RESTORED
 * only when the object is back; on CONFLICT or failure the copy is still in quarantine, so the
 * finding stays QUARANTINED.
 */
async function runRestore(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<RemediationResult> {
  let claimed = record;
  if (record.state !== 'RESTORING') {
    const started = await deps.ledger.transition(record.findingId, {
      from: ['QUARANTINED'],
      to: 'RESTORING',
      event: { at: deps.clock().toISOString(), actor: job.actor, action: 'restore-started' },
    });
    if (!started.ok) {
      const current = started.current ?? record;
      if (current.state === 'RESTORED') return resultFromRecord(current);
      return {
        ...resultFromRecord(current),
        outcome: 'FAILED',
        reason: `finding is ${current.state}, not in quarantine`,
      };
    }
    claimed = started.record;
  }

  const restored = await deps.quarantine.restore({
    findingId: claimed.findingId,
    actor: job.actor,
    ...(job.force ? { force: true } : {}),
  });
  const result = toResult(claimed, restored);
  const back = restored.outcome === 'RESTORED';
  const latest = await recordOutcome(deps, claimed, result, {
    from: 'RESTORING',
    to: back ? 'RESTORED' : 'QUARANTINED',
    action: back ? 'restored' : 'restore-failed',
    actor: job.actor,
  });
  if (back) await deps.ledger.releaseObject(latest.objectIdentity, latest.findingId);
  await announceSafely(deps, latest, (announcer) => announcer.outcome(latest, result, job.actor));
  deps.logger.info('restore finished', { findingId: job.findingId, outcome: result.outcome });
  return result;
}

function toResult(record: LedgerRecord, restored: RestoreResult): RemediationResult {
  const { bucket, key, versionId } = record.source;
  const source = { bucket, key, ...(versionId ? { versionId } : {}) };
  const base = { findingId: record.findingId, source, ...(record.quarantine ? { quarantine: record.quarantine } : {}) };
  if (restored.outcome === 'RESTORED') return { ...base, outcome: 'RESTORED' };
  return { ...base, outcome: restored.outcome, reason: restored.reason };
}

export { runRestore };
