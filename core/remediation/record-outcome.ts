import { endState, type JobKind, workingState } from '../ledger/finding-state';
import type { LedgerEvent, LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Transition } from '../types/ports';
import type { WorkflowDeps } from './RemediationDeps';

/** What the event that ends each kind of job calls its step: the object moved, or it did not. */
const OUTCOME_ACTIONS: Readonly<Record<JobKind, { readonly landed: string; readonly missed: string }>> = {
  remediate: { landed: 'quarantined', missed: 'remediation-failed' },
  restore: { landed: 'restored', missed: 'restore-failed' },
};

/** How a finished job ended, and what it sets with its outcome. */
interface OutcomeTransition {
  readonly kind: JobKind;
  /** The object reached where the job was taking it (quarantine, or back). */
  readonly landed: boolean;
  /** The landed event's name when it is not the kind's own (a seal's `sealed`). */
  readonly landedEvent?: string;
  readonly actor: string;
  readonly patch?: Transition['patch'];
  /** The lease the job holds: the write is conditional on it, and clears it. */
  readonly lease: string;
  /** The reason of the person who asked for the job: the outcome event keeps it. */
  readonly reason?: string;
}

/**
 * Remediation and restore end alike: a transition out of the working state they claimed, conditional
 * on still holding its lease, with an event carrying the outcome (and its reason). `recorded: false`
 * when the lease was taken over meanwhile: the run that took it records and announces instead.
 */
async function recordOutcome(
  deps: WorkflowDeps,
  claimed: LedgerRecord,
  result: RemediationResult,
  change: OutcomeTransition,
): Promise<{ readonly recorded: boolean; readonly record: LedgerRecord }> {
  const done = await deps.ledger.transition(claimed.findingId, {
    from: [workingState(change.kind)],
    to: endState(change.kind, change.landed),
    event: {
      at: deps.clock().toISOString(),
      actor: change.actor,
      action: change.landed
        ? (change.landedEvent ?? OUTCOME_ACTIONS[change.kind].landed)
        : OUTCOME_ACTIONS[change.kind].missed,
      outcome: result.outcome,
      ...(result.reason ? { detail: result.reason } : {}),
      ...(change.reason ? { reason: change.reason } : {}),
    },
    ...(change.patch ? { patch: change.patch } : {}),
    lease: { release: change.lease },
  });
  if (done.ok) return { recorded: true, record: done.record };
  deps.logger.warn('outcome not recorded: another run took the finding over', {
    findingId: claimed.findingId,
    outcome: result.outcome,
  });
  return { recorded: false, record: done.current ?? claimed };
}

/** The kind of job whose outcome event this is (a restore's ends in `restored` or `restore-failed`). */
const jobKindOfOutcome = (event: LedgerEvent): JobKind =>
  Object.values(OUTCOME_ACTIONS.restore).includes(event.action) ? 'restore' : 'remediate';

export { jobKindOfOutcome, recordOutcome };
