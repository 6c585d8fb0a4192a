import { isWorking } from '../ledger/finding-state';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import { announceOutcome } from './announce-outcome';
import { holdFinding } from './hold-finding';
import type { JobDeps } from './RemediationDeps';
import { recordOutcome } from './record-outcome';
import { LANDED_EVENTS, performAction, remediationOf } from './remediation-actions';
import { syncSecurityHub } from './sync-security-hub';

/**
 * Whether no run can have made a copy for this finding before this job: its record has not been written
 * since it was created (version 1), and either no job ever started on it (a job starts with a write) or the
 * door in this process created it a moment ago with the job's lease (an AUTO finding received here). The
 * remediator function reads its record and is never first that way: Lambda may run one job twice.
 */
const isFirstMove = (record: LedgerRecord, job: Omit<RemediationJob, 'kind'>, fromDoor: boolean): boolean =>
  record.version === 1 && (!isWorking(record.state) || (fromDoor && job.lease !== undefined));

/**
 * The remediator's work: remediate the object of a finding this job holds (quarantine, seal or tag it:
 * core/remediation/remediation-actions.ts), record the outcome, and update Slack. A job that does not hold the finding yet (CLI, retry, backfill) takes it
 * first, so two runs never move the same object, and only the one that moved it announces.
 */
async function runRemediation(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
  /** `record` is the one the job's door just wrote (Dispatcher's `held`), not read by the job. */
  fromDoor = false,
): Promise<RemediationResult> {
  const firstMove = isFirstMove(record, job, fromDoor);
  const hold = await holdFinding(deps, job, record, 'remediate', { ...(job.action ? { action: job.action } : {}) });
  if ('result' in hold) return hold.result;
  const claimed = hold.held;

  const { result, landed, patch } = await performAction(deps, claimed, job, firstMove);
  const latest = await recordOutcome(deps, claimed, result, {
    kind: 'remediate',
    landed,
    landedEvent: LANDED_EVENTS[remediationOf(claimed)],
    actor: job.actor,
    lease: hold.lease,
    ...(job.reason ? { reason: job.reason } : {}),
    ...(patch ? { patch } : {}),
  });
  if (!latest.recorded) return result;
  if (!landed) await deps.ledger.releaseObject(latest.record.objectIdentity, latest.record.findingId);

  await announceOutcome(deps, latest.record, result, job.actor, 'remediate');
  await syncSecurityHub(deps, latest.record);
  deps.logger.info('remediation finished', { findingId: job.findingId, outcome: result.outcome });
  return result;
}

export { runRemediation };
