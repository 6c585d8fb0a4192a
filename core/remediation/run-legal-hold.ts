import { LEGAL_HOLD_STATES, type LegalHoldKind, mayChangeLegalHold } from '../ledger/finding-state';
import { ACTION_DONE } from '../policy/remediation-action';
import type { LedgerEvent, LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import { announceSafely } from './announce-safely';
import type { JobDeps } from './RemediationDeps';
import { remediationOf } from './remediation-actions';
import { resultFromRecord } from './result-from-record';
import { syncSecurityHub } from './sync-security-hub';

type LegalHoldJob = Omit<RemediationJob, 'kind'> & { readonly kind: LegalHoldKind };

const failed = (record: LedgerRecord, reason: string): RemediationResult => ({
  ...resultFromRecord(record),
  outcome: 'FAILED',
  reason,
});

/**
 * Puts the finding's quarantined copy on legal hold, or takes it off. The ledger never says less than S3
 * holds, so a restore refused by the record is never one S3 would refuse half-way: a hold is recorded
 * before S3 is asked (see holdFailed for a failure), a release is recorded only after S3 took the hold
 * off. Both may be run again.
 */
async function runLegalHold(deps: JobDeps, job: LegalHoldJob, record: LedgerRecord): Promise<RemediationResult> {
  if (!mayChangeLegalHold(record.state)) {
    return failed(record, `not in quarantine (${record.state.toLowerCase()}): nothing to ${job.kind}`);
  }
  const action = remediationOf(record);
  if (action !== 'QUARANTINE') {
    return failed(record, `its object was ${ACTION_DONE[action]}, not copied to quarantine: nothing to ${job.kind}`);
  }
  return job.kind === 'hold' ? hold(deps, job, record) : release(deps, job, record);
}

const event = (deps: JobDeps, job: LegalHoldJob, action: string, detail?: string): LedgerEvent => ({
  at: deps.clock().toISOString(),
  actor: job.actor,
  action,
  ...(detail ? { detail } : {}),
  ...(job.reason ? { reason: job.reason } : {}),
});

async function hold(deps: JobDeps, job: LegalHoldJob, record: LedgerRecord): Promise<RemediationResult> {
  const earlier = record.legalHold;
  let held = record;
  if (!earlier) {
    const at = deps.clock().toISOString();
    const set = await deps.ledger.setLegalHold(record.findingId, {
      from: LEGAL_HOLD_STATES,
      hold: { at, by: job.actor, ...(job.reason ? { reason: job.reason } : {}) },
      event: { ...event(deps, job, 'legal-hold'), at },
    });
    if (!set.ok) return notNow(record, set.current, job.kind);
    held = set.record;
  }
  // Asked again even when the ledger already says held: a run killed between the two writes left S3 unheld.
  const s3 = await deps.quarantine.legalHold(record.findingId, 'ON');
  if ('reason' in s3) return holdFailed(deps, job, held, s3, earlier === undefined);
  if (earlier) {
    return {
      ...resultFromRecord(held),
      outcome: 'HELD',
      reason: `already on legal hold since ${earlier.at} by ${earlier.by}`,
    };
  }
  const result: RemediationResult = { ...resultFromRecord(held), outcome: 'HELD' };
  // The message's kind matters only for a failed run's retry button, which a hold never posts.
  await announceSafely(deps, held, (announcer) => announcer.outcome(held, result, job.actor, 'restore'));
  await syncSecurityHub(deps, held);
  return result;
}

/**
 * S3 did not take the hold. With no version changed (a store without Object Lock: s3rver, a bucket created
 * before it), this run's ledger hold is taken back, so the finding is not stuck held; once some version
 * is held, the ledger keeps saying so until `release`.
 */
async function holdFailed(
  deps: JobDeps,
  job: LegalHoldJob,
  held: LedgerRecord,
  s3: { readonly reason: string; readonly changed?: number },
  recordedNow: boolean,
): Promise<RemediationResult> {
  const failure = event(deps, job, 'legal-hold-failed', s3.reason);
  // SOURCE_MISSING carries no count: no copy, nothing held.
  if (recordedNow && (s3.changed ?? 0) === 0) {
    await deps.ledger.setLegalHold(held.findingId, { from: LEGAL_HOLD_STATES, event: failure });
    return failed(held, `${s3.reason}; not held`);
  }
  await deps.ledger.annotate(held.findingId, failure);
  return failed(held, `${s3.reason}; the ledger keeps the finding held until it is released`);
}

async function release(deps: JobDeps, job: LegalHoldJob, record: LedgerRecord): Promise<RemediationResult> {
  if (!record.legalHold) return { ...resultFromRecord(record), outcome: 'RELEASED', reason: 'was not on legal hold' };
  const s3 = await deps.quarantine.legalHold(record.findingId, 'OFF');
  if ('reason' in s3) return failed(record, `${s3.reason}; still on legal hold`);
  const cleared = await deps.ledger.setLegalHold(record.findingId, {
    from: LEGAL_HOLD_STATES,
    event: event(deps, job, 'legal-hold-released'),
  });
  if (!cleared.ok) return notNow(record, cleared.current, job.kind);
  const result: RemediationResult = { ...resultFromRecord(cleared.record), outcome: 'RELEASED' };
  await announceSafely(deps, cleared.record, (announcer) =>
    announcer.outcome(cleared.record, result, job.actor, 'restore'),
  );
  await syncSecurityHub(deps, cleared.record);
  return result;
}

/** The record left QUARANTINED between the read and the write (a restore started): nothing was held. */
function notNow(record: LedgerRecord, current: LedgerRecord | undefined, kind: LegalHoldKind): RemediationResult {
  const now = current ?? record;
  return failed(now, `not in quarantine (${now.state.toLowerCase()}): nothing to ${kind}`);
}

export { runLegalHold };
