import type { LedgerRecord, LedgerState } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Transition } from '../types/ports';
import type { WorkflowDeps } from './RemediationDeps';

/** Where a finished job leaves the finding, and what its event calls the step. */
interface OutcomeTransition {
  /** The working state the job claimed (REMEDIATING, RESTORING). */
  readonly from: LedgerState;
  readonly to: LedgerState;
  readonly action: string;
  readonly actor: string;
  readonly patch?: Transition['patch'];
  /** The lease the job holds: the write is conditional on it, and clears it. */
  readonly lease: string;
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
    from: [change.from],
    to: change.to,
    event: {
      at: deps.clock().toISOString(),
      actor: change.actor,
      action: change.action,
      outcome: result.outcome,
      ...(result.reason ? { detail: result.reason } : {}),
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

export { recordOutcome };
