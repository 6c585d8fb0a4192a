import {
  ALLOWED_TRANSITIONS,
  assertInitialState,
  assertTransition,
  endState,
  enteredState,
  INITIAL_STATES,
  isTransitionAllowed,
  LEDGER_STATES,
  mayStart,
  startStates,
  stateBeforeStart,
} from '../../../core/ledger/finding-state';
import type { LedgerState } from '../../../core/types/ledger';

const event = { at: '2026-11-27T12:00:00.000Z', actor: 'slack:U1', action: 'remediate-requested' };

describe('State machine', () => {
  it('names a row for every state, and only states, as targets', () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...LEDGER_STATES].sort());
    for (const targets of Object.values(ALLOWED_TRANSITIONS)) {
      for (const target of targets) expect(LEDGER_STATES).toContain(target);
    }
  });

  it('has no self-transitions, so a repeated request never wins twice', () => {
    for (const state of LEDGER_STATES) expect(isTransitionAllowed(state, state)).toBe(false);
  });

  it('reaches every state from a state a record can begin in', () => {
    const reached = new Set<LedgerState>(INITIAL_STATES);
    for (let grew = true; grew; ) {
      const before = reached.size;
      for (const state of [...reached]) for (const next of ALLOWED_TRANSITIONS[state]) reached.add(next);
      grew = reached.size > before;
    }
    expect([...reached].sort()).toEqual([...LEDGER_STATES].sort());
  });

  it.each([
    ['approve', ['AWAITING_REVIEW', 'FAILED'], 'REMEDIATING'],
    ['dismiss', ['AWAITING_REVIEW', 'FAILED'], 'DISMISSED'],
    ['remediate from the CLI', ['AWAITING_REVIEW', 'FAILED', 'DISMISSED', 'RESTORED', 'LINKED'], 'REMEDIATING'],
    ['record the move', ['REMEDIATING'], 'QUARANTINED'],
    ['record a failed move', ['REMEDIATING'], 'FAILED'],
    ['start a restore', ['QUARANTINED'], 'RESTORING'],
    ['record the restore', ['RESTORING'], 'RESTORED'],
    ['record a restore conflict (copy stays in quarantine)', ['RESTORING'], 'QUARANTINED'],
  ] as const)('allows the workflows to %s', (_, from, to) => {
    expect(() => assertTransition('f-1', { from, to, event })).not.toThrow();
  });

  it.each([
    ['QUARANTINED', 'DISMISSED'],
    ['QUARANTINED', 'REMEDIATING'],
    ['RESTORED', 'QUARANTINED'],
    ['IGNORED', 'QUARANTINED'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(() => assertTransition('f-1', { from: [from], to, event })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', context: { findingId: 'f-1' } }),
    );
  });

  it('refuses a transition from nowhere', () => {
    expect(() => assertTransition('f-1', { from: [], to: 'REMEDIATING', event })).toThrow(/no source state/);
  });

  it('lets records begin only where a finding arrives', () => {
    for (const state of INITIAL_STATES) expect(() => assertInitialState('f-1', state)).not.toThrow();
    expect(() => assertInitialState('f-1', 'QUARANTINED')).toThrow(/cannot begin in state QUARANTINED/);
  });

  it('answers its named questions only with edges of its own table', () => {
    for (const starter of ['click', 'run'] as const) {
      for (const action of ['remediate', 'restore', 'dismiss'] as const) {
        for (const from of startStates(action, starter)) {
          expect(isTransitionAllowed(from, enteredState(action))).toBe(true);
        }
      }
    }
    for (const kind of ['remediate', 'restore'] as const) {
      const working = enteredState(kind);
      for (const landed of [true, false]) expect(isTransitionAllowed(working, endState(kind, landed))).toBe(true);
      expect(isTransitionAllowed(working, stateBeforeStart(kind))).toBe(true);
    }
  });

  it('lets a run, not a click, re-quarantine a dismissed finding, and never dismiss', () => {
    expect(mayStart('remediate', 'DISMISSED', 'run')).toBe(true);
    expect(mayStart('remediate', 'DISMISSED', 'click')).toBe(false);
    expect(mayStart('dismiss', 'AWAITING_REVIEW', 'click')).toBe(true);
    expect(mayStart('dismiss', 'AWAITING_REVIEW', 'run')).toBe(false);
  });
});
