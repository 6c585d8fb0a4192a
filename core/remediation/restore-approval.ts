import { type Starter, startStates } from '../ledger/finding-state';
import { plainActor } from '../slack/messages/text';
import type { LedgerRecord, SlackMessageRef } from '../types/ledger';
import { announceOutcome } from './announce-outcome';
import type { WorkflowDeps } from './RemediationDeps';
import { resultFromRecord } from './result-from-record';

/** Who asks for a restore. */
interface Approver {
  /**
   * Whom the rule counts: `slack:<user id>` for a click, `aws:<caller ARN>` from the terminal. The same
   * principal twice is one approval; a Slack user and an AWS identity are never the same principal.
   */
  readonly principal: string;
  /** Who acted, as history records it (`slack:U…`, `cli:alice`). */
  readonly actor: string;
  /** Why, as they gave it (`--reason`, the Slack modal): kept on the approval event. */
  readonly reason?: string;
}

/**
 * What a restore request may do now. `go`: start the restore, with `secondApprover` as the condition of the
 * write that starts it when two approvals are needed (so nothing enters RESTORING from quarantine unless a
 * different principal's approval is pending in the ledger at that moment). Otherwise the request was kept as
 * the first approval (or was one already) and nothing moves.
 */
type ApprovalStep =
  | { readonly go: true; readonly secondApprover?: string }
  | {
      readonly go: false;
      /** `first`: this request is now the pending approval; `mine`: it was already. */
      readonly approval: 'first' | 'mine';
      readonly record: LedgerRecord;
      readonly reason: string;
    };

const ALREADY_APPROVED = 'already approved by you; a second approver is needed';

/**
 * The two-person rule for restores, for every door. With `restoreApprovals` 2, a request on a finding with
 * no pending approval records one (a conditional write: of two concurrent first requests exactly one is
 * first, and the other then counts as the second) and announces it; a request by the principal whose
 * approval is pending is refused; one by anybody else goes ahead as the second approval.
 */
async function approveRestore(
  deps: WorkflowDeps,
  record: LedgerRecord,
  approver: Approver,
  options: { readonly starter: Starter; readonly slack?: SlackMessageRef },
): Promise<ApprovalStep> {
  if ((deps.restoreApprovals ?? 1) < 2) return { go: true };
  const second = { go: true, secondApprover: approver.principal } as const;
  const from = startStates('restore', options.starter);
  let current = record;
  // Twice at most: a lost first approval finds the winner's, which this request then seconds.
  for (let attempt = 0; attempt < 2; attempt++) {
    const pending = current.restoreApproval;
    if (pending?.approver === approver.principal)
      return { go: false, approval: 'mine', record: current, reason: ALREADY_APPROVED };
    // Pending by someone else, or not restorable now: the restore's own conditional write decides.
    if (pending || !from.includes(current.state)) return second;
    const at = deps.clock().toISOString();
    const detail = `approval 1 of 2 by ${plainActor(approver.principal)}`;
    const given = await deps.ledger.approveRestore(current.findingId, {
      from,
      approval: { approver: approver.principal, at },
      event: {
        at,
        actor: approver.actor,
        action: 'restore-approved',
        outcome: 'PENDING_APPROVAL',
        detail,
        ...(approver.reason ? { reason: approver.reason } : {}),
      },
      ...(options.slack ? { slack: options.slack } : {}),
    });
    if (given.ok) {
      const reason = `${detail}; another approver must restore it`;
      const result = { ...resultFromRecord(given.record), outcome: 'PENDING_APPROVAL' as const, reason };
      await announceOutcome(deps, given.record, result, approver.actor, 'restore');
      return { go: false, approval: 'first', record: given.record, reason };
    }
    if (!given.current) return second;
    current = given.current;
  }
  return second;
}

export type { ApprovalStep, Approver };
export { approveRestore };
