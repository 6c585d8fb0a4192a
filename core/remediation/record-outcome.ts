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
}

/**
 * Remediation and restore end alike: a conditional transition out of the working state they claimed,
 * with an event carrying the outcome (and its reason). Resolves the record as the ledger now has it:
 * another writer's, if one got there first.
 */
async function recordOutcome(
  deps: WorkflowDeps,
  claimed: LedgerRecord,
  result: RemediationResult,
  change: OutcomeTransition,
): Promise<LedgerRecord> {
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
  });
  return done.ok ? done.record : (done.current ?? claimed);
}

export { recordOutcome };
