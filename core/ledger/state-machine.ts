import { RemediateError } from '../errors';
import type { LedgerState } from '../types/ledger';
import type { Transition } from '../types/ports';

/**
 * The ledger's state machine: one table, so handlers, CLI and both ledgers apply the same rules.
 *
 *   REVIEW: begin ─► AWAITING_REVIEW ─approve─► REMEDIATING ─moved─► QUARANTINED ─restore─► RESTORING ─► RESTORED
 *   AUTO:   begin ────────────────────────────► REMEDIATING ─moved─► QUARANTINED
 *
 *   IGNORED ──────► AWAITING_REVIEW | REMEDIATING          policy changed, or an operator asks
 *   LINKED ───────► AWAITING_REVIEW | REMEDIATING          the object's owner let go of it
 *   AWAITING_REVIEW ► REMEDIATING | DISMISSED | LINKED     approve, dismiss, object already held
 *   REMEDIATING ──► QUARANTINED | FAILED | AWAITING_REVIEW  moved, failed, or back to a human
 *   QUARANTINED ──► RESTORING
 *   RESTORING ────► RESTORED | QUARANTINED | FAILED        QUARANTINED: CONFLICT, the copy stays put
 *   RESTORED ─────► REMEDIATING                            re-quarantine
 *   DISMISSED ────► REMEDIATING                            change of mind
 *   FAILED ───────► REMEDIATING | RESTORING | DISMISSED | AWAITING_REVIEW   retry or give up
 *
 * Every write is conditional on the current state being one of `from`, so of many concurrent
 * requests for the same edge (fifty Remediate clicks) exactly one wins.
 *
 * REMEDIATING and RESTORING are working states: a job holds the finding's lease there. Besides the
 * edges below, a working state may "move" to itself when a transition takes over the lease of a job
 * that died (expired, or its process is gone), so a rerun can finish what it started.
 */
const ALLOWED_TRANSITIONS: Readonly<Record<LedgerState, readonly LedgerState[]>> = {
  IGNORED: ['AWAITING_REVIEW', 'REMEDIATING'],
  LINKED: ['AWAITING_REVIEW', 'REMEDIATING'],
  AWAITING_REVIEW: ['REMEDIATING', 'DISMISSED', 'LINKED'],
  REMEDIATING: ['QUARANTINED', 'FAILED', 'AWAITING_REVIEW'],
  QUARANTINED: ['RESTORING'],
  RESTORING: ['RESTORED', 'QUARANTINED', 'FAILED'],
  RESTORED: ['REMEDIATING'],
  DISMISSED: ['REMEDIATING'],
  FAILED: ['REMEDIATING', 'RESTORING', 'DISMISSED', 'AWAITING_REVIEW'],
};

/** States in which a job holds the finding's lease. */
const WORKING_STATES: readonly LedgerState[] = ['REMEDIATING', 'RESTORING'];

/** States a record may be created in (`Ledger.begin`). */
const INITIAL_STATES: readonly LedgerState[] = ['IGNORED', 'LINKED', 'AWAITING_REVIEW', 'REMEDIATING'];

const isTransitionAllowed = (from: LedgerState, to: LedgerState): boolean => ALLOWED_TRANSITIONS[from].includes(to);

/**
 * A transition naming an edge the table lacks is a programming error, not a lost race: it throws
 * before anything is written, identically in every ledger implementation.
 * @throws RemediateError `INTERNAL`
 */
function assertTransition(findingId: string, transition: Transition): void {
  if (transition.from.length === 0) {
    throw new RemediateError('INTERNAL', `ledger transition to ${transition.to} names no source state`, {
      context: { findingId },
    });
  }
  const takeover =
    transition.lease !== undefined && 'take' in transition.lease && WORKING_STATES.includes(transition.to);
  const illegal = transition.from.filter(
    (from) => !isTransitionAllowed(from, transition.to) && !(takeover && from === transition.to),
  );
  if (illegal.length > 0) {
    throw new RemediateError('INTERNAL', `ledger transition ${illegal.join('|')} → ${transition.to} is not allowed`, {
      context: { findingId },
    });
  }
}

/** @throws RemediateError `INTERNAL` for a record begun in a state only a transition may reach. */
function assertInitialState(findingId: string, state: LedgerState): void {
  if (!INITIAL_STATES.includes(state)) {
    throw new RemediateError('INTERNAL', `a ledger record cannot begin in state ${state}`, { context: { findingId } });
  }
}

export {
  ALLOWED_TRANSITIONS,
  assertInitialState,
  assertTransition,
  INITIAL_STATES,
  isTransitionAllowed,
  WORKING_STATES,
};
