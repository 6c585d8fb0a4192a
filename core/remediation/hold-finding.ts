import { isWorking, type JobKind as Kind, startStates, workingState } from '../ledger/finding-state';
import type { Lease, LedgerRecord, LedgerState } from '../types/ledger';
import { OUTCOMES, type RemediationResult } from '../types/outcome';
import type { RemediationAction } from '../types/policy';
import type { RemediationJob } from '../types/ports';
import { inProgress, leaseState, newLease, waitWhile } from './finding-lease';
import type { WorkflowDeps } from './RemediationDeps';
import { resultFromRecord } from './result-from-record';

/** The finding is this job's to work on, under `lease`; or what another run did with it instead. */
type Hold = { readonly held: LedgerRecord; readonly lease: string } | { readonly result: RemediationResult };

/** What each kind of job's events call starting and resuming. */
const STARTED: Readonly<Record<Kind, string>> = { remediate: 'remediation-started', restore: 'restore-started' };
const RESUMED: Readonly<Record<Kind, string>> = { remediate: 'remediation-resumed', restore: 'restore-resumed' };

/**
 * Takes the finding's lease with the write that enters the working state, or takes over the lease of a
 * run that died (expired, or its process is gone) while staying in it.
 */
async function takeFinding(
  deps: WorkflowDeps,
  record: LedgerRecord,
  kind: Kind,
  actor: string,
  from: readonly LedgerState[],
  reason: string | undefined,
  { secondApprover, action }: { readonly secondApprover?: string; readonly action?: RemediationAction },
): Promise<
  | { readonly taken: true; readonly record: LedgerRecord; readonly lease: Lease }
  | { readonly taken: false; readonly current?: LedgerRecord }
> {
  const working = workingState(kind);
  const resuming = record.state === working;
  const lease = newLease(deps, actor);
  const free = leaseState(deps, record);
  const abandoned = free.free ? free.abandoned : undefined;
  const taken = await deps.ledger.transition(record.findingId, {
    from: resuming ? [working] : from,
    to: working,
    event: {
      at: lease.takenAt,
      actor,
      action: resuming ? RESUMED[kind] : STARTED[kind],
      ...(resuming ? { detail: `taken over from ${record.lease?.actor ?? 'an earlier run'}, which stopped` } : {}),
      ...(reason ? { reason } : {}),
    },
    lease: { take: lease, now: lease.takenAt, ...(abandoned ? { abandoned } : {}) },
    // Resuming a restore already approved needs no approval again; a resumed move finishes what it started.
    ...(secondApprover && !resuming ? { secondApprover } : {}),
    ...(action && !resuming ? { patch: { remediation: action } } : {}),
  });
  return taken.ok
    ? { taken: true, record: taken.record, lease }
    : { taken: false, ...(taken.current ? { current: taken.current } : {}) };
}

/** Who recorded the last event named `action`. */
const actorOf = (record: LedgerRecord, action: string): string =>
  record.history.findLast((event) => event.action === action)?.actor ?? 'another run';

/**
 * What a run that did not get the finding reports: what the winner did, or that it is still at work.
 * Not a failure of its own (it moved nothing), unless the winner's run failed.
 */
function reportOtherRun(record: LedgerRecord, kind: Kind): RemediationResult {
  const base = resultFromRecord(record);
  if (record.state === 'QUARANTINED' && kind === 'remediate') {
    return { ...base, reason: `quarantined by ${actorOf(record, 'quarantined')}` };
  }
  if (record.state === 'RESTORED' && kind === 'restore') {
    return { ...base, reason: `already restored by ${actorOf(record, 'restored')}` };
  }
  if (isWorking(record.state)) {
    return { ...base, outcome: 'PLANNED', reason: inProgress(record.lease) };
  }
  const last = record.history.at(-1);
  const outcome = OUTCOMES.find((o) => o === last?.outcome);
  if (last && outcome) {
    return { ...base, outcome, reason: `${last.detail ?? outcome.toLowerCase()} (run of ${last.actor})` };
  }
  return {
    ...base,
    outcome: 'FAILED',
    reason: `finding is ${record.state.toLowerCase().replace('_', ' ')}; not started`,
  };
}

/**
 * Makes the finding this job's before the engine runs: a job dispatched under the lease its door took
 * holds it already; any other takes it from a state a run may start it from, or from a run that died. A job that loses waits a
 * little for the winner and reports what it did, so of several runs exactly one moves the object, and
 * a loser never repeats what the winner just tried.
 */
async function holdFinding(
  deps: WorkflowDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
  kind: Kind,
  start: {
    /** A restore needing two approvals: starting it is conditional on another principal's pending approval. */
    readonly secondApprover?: string;
    /** A remediation's action chosen by the asker: kept on the record as the job starts (never on a takeover). */
    readonly action?: RemediationAction;
  } = {},
): Promise<Hold> {
  const working = workingState(kind);
  if (job.lease && record.state === working && record.lease?.owner === job.lease) {
    return { held: record, lease: job.lease };
  }
  let current = record;
  let eligible = startStates(kind, 'run');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (current.state === working && !leaseState(deps, current).free)
      current = await waitWhile(deps, current, (r) => r.state === working && !leaseState(deps, r).free);
    const interrupted = current.state === working && leaseState(deps, current).free;
    if (!interrupted && !eligible.includes(current.state)) break;
    const taken = await takeFinding(deps, current, kind, job.actor, eligible, job.reason, start);
    if (taken.taken) return { held: taken.record, lease: taken.lease.owner };
    current = taken.current ?? current;
    // Another run got there first: from now on only a run that died is taken over.
    eligible = [];
  }
  return { result: reportOtherRun(current, kind) };
}

export { holdFinding };
