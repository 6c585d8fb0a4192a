import { RemediateError } from '../errors';
import type { LedgerState } from '../types/ledger';
import type { Transition } from '../types/ports';

/**
 * A finding's states and the rules over them, in one place (as Powertools' IdempotencyRecord owns its
 * status): the ledgers check every write against this table, and the workflows and doors ask it named
 * questions instead of keeping lists of their own.
 *
 *   REVIEW: begin ─► AWAITING_REVIEW ─approve─► REMEDIATING ─moved─► QUARANTINED ─restore─► RESTORING ─► RESTORED
 *   AUTO:   begin ────────────────────────────► REMEDIATING ─moved─► QUARANTINED
 *
 *   IGNORED ──────► AWAITING_REVIEW | REMEDIATING          policy changed, or an operator asks
 *             └──► DISMISSED                             exempted (the object tagged exempt)
 *   LINKED ───────► AWAITING_REVIEW | REMEDIATING          the object's owner let go of it
 *   AWAITING_REVIEW ► REMEDIATING | DISMISSED | LINKED     approve, dismiss, object already held
 *   REMEDIATING ──► QUARANTINED | FAILED | AWAITING_REVIEW  moved, failed, or back to a human
 *   QUARANTINED ──► RESTORING
 *   RESTORING ────► RESTORED | QUARANTINED | FAILED        QUARANTINED: CONFLICT, the copy stays put
 *   RESTORED ─────► REMEDIATING | DISMISSED                re-quarantine, or exempted
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
  IGNORED: ['AWAITING_REVIEW', 'REMEDIATING', 'DISMISSED'],
  LINKED: ['AWAITING_REVIEW', 'REMEDIATING'],
  AWAITING_REVIEW: ['REMEDIATING', 'DISMISSED', 'LINKED'],
  REMEDIATING: ['QUARANTINED', 'FAILED', 'AWAITING_REVIEW'],
  QUARANTINED: ['RESTORING'],
  RESTORING: ['RESTORED', 'QUARANTINED', 'FAILED'],
  RESTORED: ['REMEDIATING', 'DISMISSED'],
  DISMISSED: ['REMEDIATING'],
  FAILED: ['REMEDIATING', 'RESTORING', 'DISMISSED', 'AWAITING_REVIEW'],
};

const LEDGER_STATES = [
  'IGNORED',
  'AWAITING_REVIEW',
  'REMEDIATING',
  'QUARANTINED',
  'DISMISSED',
  'RESTORING',
  'RESTORED',
  'FAILED',
  'LINKED',
] as const satisfies readonly LedgerState[];

/** The two kinds of job the remediator runs that move an object (and hold the finding's lease). */
type JobKind = 'remediate' | 'restore';

/** The remediator's jobs that move nothing: a legal hold put on or taken off the quarantined copy. */
type LegalHoldKind = 'hold' | 'release';

/**
 * What a person may start: a job, dismissing the finding (from Slack), or exempting its object (tagging it
 * exempt, then dismissing: the remediator's `exempt` job).
 */
type StartableAction = JobKind | 'dismiss' | 'exempt';

/**
 * Who starts it. A reviewer's click answers the review or retries a failure, from the message's
 * buttons; a run (CLI, backfill, the remediator taking a finding itself) may also re-quarantine what
 * was dismissed or restored, or move the object of a finding linked to another.
 */
type Starter = 'click' | 'run';

const START_STATES: Readonly<Record<Starter, Readonly<Record<StartableAction, readonly LedgerState[]>>>> = {
  click: {
    remediate: ['AWAITING_REVIEW', 'FAILED'],
    restore: ['QUARANTINED'],
    dismiss: ['AWAITING_REVIEW', 'FAILED'],
    exempt: ['AWAITING_REVIEW', 'FAILED'],
  },
  run: {
    remediate: ['AWAITING_REVIEW', 'FAILED', 'DISMISSED', 'RESTORED', 'LINKED'],
    restore: ['QUARANTINED'],
    // Dismissing is a reviewer's answer to the message, never a run's.
    dismiss: [],
    // What nobody will quarantine now: a quarantined copy is restored first.
    exempt: ['AWAITING_REVIEW', 'FAILED', 'RESTORED', 'IGNORED'],
  },
};

/** The state an accepted action enters: a job's working state, or DISMISSED. */
const ENTERED: Readonly<Record<StartableAction, LedgerState>> = {
  remediate: 'REMEDIATING',
  restore: 'RESTORING',
  dismiss: 'DISMISSED',
  exempt: 'DISMISSED',
};

/** Where each kind of job leaves the finding: the object moved, or it did not (a failed restore's copy stays put). */
const ENDS: Readonly<Record<JobKind, { readonly landed: LedgerState; readonly missed: LedgerState }>> = {
  remediate: { landed: 'QUARANTINED', missed: 'FAILED' },
  restore: { landed: 'RESTORED', missed: 'QUARANTINED' },
};

/** Where a finding taken for a job goes back to when the job could not be handed to the remediator. */
const BEFORE_START: Readonly<Record<JobKind, LedgerState>> = {
  remediate: 'AWAITING_REVIEW',
  restore: 'QUARANTINED',
};

/** States a record may be created in (`Ledger.begin`). */
const INITIAL_STATES: readonly LedgerState[] = ['IGNORED', 'LINKED', 'AWAITING_REVIEW', 'REMEDIATING'];

/** States in which the finding has its object in hand, so a re-scan of that object is linked to it, not announced. */
const OBJECT_HELD: readonly LedgerState[] = ['AWAITING_REVIEW', 'REMEDIATING', 'QUARANTINED', 'RESTORING'];

/** States whose copy sits in quarantine (RESTORING: until the restore has finished). */
const IN_QUARANTINE: readonly LedgerState[] = ['QUARANTINED', 'RESTORING'];

/**
 * States whose copy may be put on or taken off legal hold: in quarantine with no job at work on it. A held
 * record changes no state (the ledgers refuse every transition), so it stays here until released.
 */
const LEGAL_HOLD_STATES: readonly LedgerState[] = ['QUARANTINED'];

/** States a run ends in: their outcome message is what a Slack outage may have left owed. */
const OUTCOME_STATES: readonly LedgerState[] = ['QUARANTINED', 'FAILED', 'RESTORED'];

const isTransitionAllowed = (from: LedgerState, to: LedgerState): boolean => ALLOWED_TRANSITIONS[from].includes(to);

/** Whether a job holds the finding's lease in this state (REMEDIATING, RESTORING). */
const isWorking = (state: LedgerState): boolean => state === ENTERED.remediate || state === ENTERED.restore;

/** The working state of each kind of job. */
const workingState = (kind: JobKind): LedgerState => ENTERED[kind];

/** The kind of job at work in a working state. */
const jobKindOf = (working: LedgerState): JobKind => (working === ENTERED.restore ? 'restore' : 'remediate');

/** The states `starter` may start `action` from: the condition of the write that starts it. */
const startStates = (action: StartableAction, starter: Starter): readonly LedgerState[] =>
  START_STATES[starter][action];

const mayStart = (action: StartableAction, state: LedgerState, starter: Starter): boolean =>
  startStates(action, starter).includes(state);

const enteredState = (action: StartableAction): LedgerState => ENTERED[action];

const endState = (kind: JobKind, landed: boolean): LedgerState => (landed ? ENDS[kind].landed : ENDS[kind].missed);

const stateBeforeStart = (kind: JobKind): LedgerState => BEFORE_START[kind];

const isObjectHeld = (state: LedgerState): boolean => OBJECT_HELD.includes(state);

/** Whether a finding that owns an object will soon settle it: its review is pending or its move under way. */
const isMoveAhead = (state: LedgerState): boolean => state === 'AWAITING_REVIEW' || state === ENTERED.remediate;

const mayChangeLegalHold = (state: LedgerState): boolean => LEGAL_HOLD_STATES.includes(state);

const isOutcomeState = (state: LedgerState): boolean => OUTCOME_STATES.includes(state);

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
  const takeover = transition.lease !== undefined && 'take' in transition.lease && isWorking(transition.to);
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

export type { JobKind, LegalHoldKind, StartableAction, Starter };
export {
  ALLOWED_TRANSITIONS,
  assertInitialState,
  assertTransition,
  endState,
  enteredState,
  IN_QUARANTINE,
  INITIAL_STATES,
  isMoveAhead,
  isObjectHeld,
  isOutcomeState,
  isTransitionAllowed,
  isWorking,
  jobKindOf,
  LEDGER_STATES,
  LEGAL_HOLD_STATES,
  mayChangeLegalHold,
  mayStart,
  startStates,
  stateBeforeStart,
  workingState,
};
