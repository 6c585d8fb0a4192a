import {
  decisionNow,
  needsOccupantCheck,
  objectChange,
  occupantRefusal,
  policyRefusal,
  restoreChange,
  sourceRefusal,
} from '../../../core/remediation/plan-checks';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { Decision, IgnoreReason } from '../../../core/types/policy';
import { testRecord } from '../../support/ledger-records';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv' };
const PLANNED = { size: 42, eTag: 'abc' };
const ignored = (ignoreReason: IgnoreReason): Decision => ({
  action: 'IGNORE',
  ignoreReason,
  reason: `ignored: ${ignoreReason}`,
});

function record(overrides: Partial<LedgerRecord>): LedgerRecord {
  return { ...testRecord('f-1'), updatedAt: '2026-11-27T12:00:00.000Z', version: 1, ...overrides } as LedgerRecord;
}

describe('Function: decisionNow', () => {
  it('keeps the decision a finding known only from the ledger got when it arrived', () => {
    // Act
    const decision = decisionNow(undefined, record({ decision: 'REVIEW' }));

    // Assess
    expect(decision).toEqual({ action: 'REVIEW', reason: 'REVIEW when it arrived', remediation: 'QUARANTINE' });
  });

  it("prefers the policy's decision on the finding at hand to the recorded one", () => {
    const current = {
      action: 'AUTO',
      reason: 'Financial findings are set to AUTO',
      remediation: 'QUARANTINE',
    } as const;
    expect(decisionNow(current, record({ decision: 'REVIEW' }))).toBe(current);
  });
});

describe('Function: policyRefusal', () => {
  it('refuses an ignored finding unless --include-ignored, and one that names nothing to move always', () => {
    // Act
    const plain = policyRefusal(ignored('BELOW_MIN_SEVERITY'), { includeIgnored: false, resume: false });
    const included = policyRefusal(ignored('BELOW_MIN_SEVERITY'), { includeIgnored: true, resume: false });
    const sample = policyRefusal(ignored('SAMPLE'), { includeIgnored: true, resume: false });
    const resumed = policyRefusal(ignored('SAMPLE'), { includeIgnored: false, resume: true });

    // Assess
    expect(plain).toEqual({
      outcome: 'IGNORED',
      reason: 'ignored: BELOW_MIN_SEVERITY (--include-ignored acts on it anyway)',
    });
    expect(included).toBeUndefined();
    expect(sample).toEqual({ outcome: 'IGNORED', reason: 'ignored: SAMPLE' });
    expect(resumed).toBeUndefined();
  });

  it('refuses a finding of an account out of scope even with --include-ignored: the stack has no right to it', () => {
    expect(policyRefusal(ignored('ACCOUNT_OUT_OF_SCOPE'), { includeIgnored: true, resume: false })).toEqual({
      outcome: 'IGNORED',
      reason: 'ignored: ACCOUNT_OUT_OF_SCOPE',
    });
  });
});

describe('Function: sourceRefusal', () => {
  it('refuses a missing object and one rewritten since the scan, unless forced, pinned or resumed', () => {
    // Act
    const missing = sourceRefusal(OBJECT, undefined, 'abc', { force: false, resume: false });
    const rewritten = sourceRefusal(OBJECT, { ...PLANNED, eTag: 'def' }, '"ABC"', { force: false, resume: false });
    const forced = sourceRefusal(OBJECT, { ...PLANNED, eTag: 'def' }, 'abc', { force: true, resume: false });
    const pinned = sourceRefusal({ ...OBJECT, versionId: 'v1' }, { ...PLANNED, eTag: 'def' }, 'abc', {
      force: false,
      resume: false,
    });
    const resumedGone = sourceRefusal(OBJECT, undefined, 'abc', { force: false, resume: true });

    // Assess
    expect(missing?.outcome).toBe('SOURCE_MISSING');
    expect(rewritten?.outcome).toBe('STALE');
    expect(rewritten?.reason).toContain('(ETag def, the finding saw abc)');
    expect([forced, pinned, resumedGone]).toEqual([undefined, undefined, undefined]);
  });
});

describe('Function: objectChange', () => {
  it('names every field that differs from the planned object', () => {
    // Act
    const same = objectChange(OBJECT, PLANNED, { ...PLANNED });
    const changed = objectChange(OBJECT, PLANNED, { size: 43, eTag: 'def', versionId: 'v2' });
    const gone = objectChange(OBJECT, PLANNED, undefined);

    // Assess
    expect(same).toBeUndefined();
    expect(changed?.outcome).toBe('STALE');
    expect(changed?.reason).toContain('(ETag abc → def, size 42 → 43, version none → v2): not moved');
    expect(gone?.outcome).toBe('SOURCE_MISSING');
  });
});

describe('Functions: needsOccupantCheck, occupantRefusal', () => {
  it('looks for an object at the original location only for a fresh, unforced restore', () => {
    // Act
    const checks = [
      needsOccupantCheck({ force: false, resume: false }),
      needsOccupantCheck({ force: true, resume: false }),
      needsOccupantCheck({ force: false, resume: true }),
    ];

    // Assess
    expect(checks).toEqual([true, false, false]);
    expect(occupantRefusal(OBJECT).outcome).toBe('CONFLICT');
  });
});

describe('Function: restoreChange', () => {
  it('lets a planned restore run only while the finding is in quarantine at the planned key', () => {
    // Prepare
    const planned = { key: 'q/f-1', action: 'QUARANTINE' as const, resume: false };
    const inQuarantine = record({ state: 'QUARANTINED', quarantine: { bucket: 'q', key: 'q/f-1' } });

    // Act
    const stands = restoreChange('f-1', inQuarantine, planned);
    const moved = restoreChange('f-1', { ...inQuarantine, quarantine: { bucket: 'q', key: 'q/other' } }, planned);
    const restored = restoreChange('f-1', { ...inQuarantine, state: 'RESTORED' }, planned);
    const resumed = restoreChange('f-1', { ...inQuarantine, state: 'RESTORING' }, { ...planned, resume: true });
    const unknown = restoreChange('f-1', undefined, planned);
    // Sealed in place: the object's own key; the same finding quarantined since is another plan's business.
    const sealed = record({ state: 'QUARANTINED', remediation: 'SEAL' });
    const sealPlanned = { key: sealed.source.key, action: 'SEAL' as const, resume: false };
    const sealStands = restoreChange('f-1', sealed, sealPlanned);
    const nowQuarantined = restoreChange('f-1', { ...inQuarantine, source: sealed.source }, sealPlanned);

    // Assess
    expect(stands).toBeUndefined();
    expect(moved?.outcome).toBe('STALE');
    expect(restored).toEqual({ outcome: 'RESTORED', reason: 'already restored' });
    expect(resumed).toBeUndefined();
    expect(unknown).toEqual({ outcome: 'FAILED', reason: 'finding f-1 is no longer in the ledger' });
    expect(sealStands).toBeUndefined();
    expect(nowQuarantined?.outcome).toBe('STALE');
  });
});
