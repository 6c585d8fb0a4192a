import { newLease } from '../../../core/remediation/finding-lease';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { recordFields } from '../../../core/remediation/record-fields';
import { requestAction } from '../../../core/remediation/request-action';
import { runJob } from '../../../core/remediation/run-job';
import type { Finding } from '../../../core/types/finding';
import type { Lease } from '../../../core/types/ledger';
import { buildFinding } from '../../support/fixtures';
import { harness, NOW } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };
const ALICE = 'slack:U0ALICE001';
const BOB = 'slack:U0BOB00002';

/** A finding awaiting review, as the finding handler leaves it. */
async function awaitingReview(h: ReturnType<typeof harness>) {
  const finding = buildFinding({ type: 'Personal', ...OBJECT });
  await receiveFinding(h.deps, finding);
  return finding.id;
}

/** An AUTO finding's record as a door makes it: taken with the job's lease by the write that records it. */
function receivedAuto(finding: Finding, lease: Lease) {
  const decision = { action: 'AUTO', reason: 'policy', remediation: 'QUARANTINE' } as const;
  const source = { bucket: OBJECT.bucket, key: finding.object?.key ?? '' };
  return {
    ...recordFields(finding, decision, source, NOW.toISOString()),
    state: 'REMEDIATING' as const,
    lease,
    history: [{ at: NOW.toISOString(), actor: 'auto', action: 'received' }],
  };
}

describe('Function: runJob', () => {
  it('moves an approved finding, shows progress first, then the outcome naming the approver', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);

    // Act
    const requested = await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Assess
    expect(requested.accepted).toBe(true);
    expect(h.announcer.calls.map((c) => c.method)).toEqual(['review', 'progress', 'outcome']);
    expect(h.announcer.of('outcome')[0]).toMatchObject({ actor: ALICE, outcome: 'QUARANTINED' });
    expect(h.quarantine.moves[0]?.actor).toBe(ALICE);
    expect((await h.ledger.get(id))?.state).toBe('QUARANTINED');
  });

  it('records a failed move as FAILED, releases the object, and lets someone retry', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);
    h.quarantine.nextMoves.push({ outcome: 'FAILED', reason: 'copy failed: AccessDenied', step: 'copy' });

    // Act
    const failed = await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });
    const afterFailure = await h.ledger.get(id);
    const retried = await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Assess
    expect(failed.accepted).toBe(true);
    expect(afterFailure?.state).toBe('FAILED');
    expect(afterFailure?.history.at(-1)).toMatchObject({
      action: 'remediation-failed',
      outcome: 'FAILED',
      detail: 'copy failed: AccessDenied',
    });
    expect(h.announcer.of('outcome').map((c) => 'outcome' in c && c.outcome)).toEqual(['FAILED', 'QUARANTINED']);
    expect(retried.accepted).toBe(true);
    expect((await h.ledger.get(id))?.state).toBe('QUARANTINED');
    expect(h.quarantine.moves).toHaveLength(2);
    // The retry may find the copy the failed run made: the engine looks for it first.
    expect(h.quarantine.moves[1]?.firstMove).toBeUndefined();
  });

  it('reports STALE when the object changed since the scan, and moves nothing', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);
    h.quarantine.nextMoves.push({ outcome: 'STALE', reason: 'the object changed since Macie scanned it' });

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: id, actor: 'cli:ops' });

    // Assess
    expect(result).toMatchObject({ outcome: 'STALE', reason: 'the object changed since Macie scanned it' });
    expect(await h.ledger.get(id)).toMatchObject({ state: 'FAILED' });
    expect(h.announcer.of('outcome')[0]).toMatchObject({ outcome: 'STALE', actor: 'cli:ops' });
  });

  it('restores a quarantined finding and frees its object for new findings (of other bytes)', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Act
    const requested = await requestAction(h.deps, { action: 'restore', findingId: id, actor: ALICE });
    const rescan = await receiveFinding(h.deps, buildFinding({ type: 'Personal', ...OBJECT, eTag: 'e2' }));

    // Assess
    expect(requested.accepted).toBe(true);
    expect(h.quarantine.restores).toEqual([{ findingId: id, actor: ALICE }]);
    expect((await h.ledger.get(id))?.state).toBe('RESTORED');
    expect(h.announcer.of('progress').at(-1)).toMatchObject({ kind: 'restore' });
    expect(h.announcer.of('outcome').at(-1)).toMatchObject({ outcome: 'RESTORED' });
    expect(rescan.outcome).toBe('NOTIFIED');
  });

  it('keeps a finding QUARANTINED when its restore meets a CONFLICT', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });
    h.quarantine.nextRestores.push({
      outcome: 'CONFLICT',
      reason: 'an object exists at the original location',
      copy: {
        findingId: id,
        source: OBJECT,
        quarantine: { bucket: 'quarantine-bucket', key: `${id}/x` },
        size: 1,
        quarantinedAt: '2026-11-27T12:00:00.000Z',
        actor: ALICE,
      },
    });

    // Act
    const result = await runJob(h.deps, { kind: 'restore', findingId: id, actor: ALICE });

    // Assess
    expect(result).toMatchObject({ outcome: 'CONFLICT', reason: 'an object exists at the original location' });
    expect((await h.ledger.get(id))?.state).toBe('QUARANTINED');
  });

  it('takes its tag off again when the exemption loses to a Remediate click made while it tagged', async () => {
    // Prepare: while the exempt job tags the object, Bob's Remediate click moves it
    const h = harness();
    const id = await awaitingReview(h);
    h.quarantine.onTag = async () => {
      h.quarantine.onTag = undefined;
      await requestAction(h.deps, { action: 'remediate', findingId: id, actor: BOB });
    };

    // Act
    const exempted = await runJob(h.deps, { kind: 'exempt', findingId: id, actor: ALICE, reason: 'test data' });

    // Assess: the click's outcome stands, and the object's tags say what the ledger says
    expect(exempted).toMatchObject({
      outcome: 'ALREADY_QUARANTINED',
      reason: 'not exempted: its object is quarantined: restore it first',
    });
    const record = await h.ledger.get(id);
    expect(record?.state).toBe('QUARANTINED');
    expect(record?.history.map((e) => e.action)).not.toContain('exempted');
    expect(h.quarantine.tags).toHaveLength(1);
    expect(h.quarantine.untags).toEqual([
      expect.objectContaining({ findingId: id, actor: ALICE, tag: h.quarantine.tags[0]?.tag }),
    ]);
    expect(h.announcer.of('outcome').map((c) => 'outcome' in c && c.outcome)).toEqual(['QUARANTINED']);
  });

  it('tells the engine a move is the first only when no run can have copied the object before', async () => {
    // Prepare: an AUTO finding received here (its record made with the job's lease, handed to the job), then a
    // finding as the remediator function finds it (the same kind of record, read: Lambda may run a job twice),
    // and one whose run died and is taken over
    const h = harness();
    const received = buildFinding({ type: 'Financial', ...OBJECT });
    await receiveFinding(h.deps, received);
    const finding = buildFinding({ type: 'Financial', ...OBJECT, key: 'hr/bonus.csv' });
    const lease = newLease(h.deps, 'auto');
    const begun = await h.ledger.begin(receivedAuto(finding, lease));
    const died = buildFinding({ type: 'Financial', ...OBJECT, key: 'hr/pensions.csv' });
    await h.ledger.begin(receivedAuto(died, { ...newLease(h.deps, 'auto'), expiresAt: NOW.toISOString() }));

    // Act
    await runJob(h.deps, { kind: 'remediate', findingId: finding.id, actor: 'auto', lease: lease.owner });
    await runJob(h.deps, { kind: 'remediate', findingId: died.id, actor: 'auto' });

    // Assess
    expect(begun.created).toBe(true);
    expect(h.quarantine.moves.map((m) => [m.findingId, m.firstMove])).toEqual([
      [received.id, true],
      [finding.id, undefined],
      [died.id, undefined],
    ]);
  });

  it('answers FAILED for a finding the ledger does not know', async () => {
    // Prepare
    const h = harness();

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: 'nope', actor: ALICE });

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', reason: 'finding nope is not in the ledger' });
    expect(h.quarantine.moves).toHaveLength(0);
  });

  it('hands the finding back when the job cannot be dispatched, so nothing stays claimed forever', async () => {
    // Prepare
    const h = harness();
    const id = await awaitingReview(h);
    const broken = { ...h.deps, dispatcher: { dispatch: () => Promise.reject(new Error('Rate exceeded')) } };

    // Act
    const requested = requestAction(broken, { action: 'remediate', findingId: id, actor: ALICE });

    // Assess
    await expect(requested).rejects.toThrow('Rate exceeded');
    const record = await h.ledger.get(id);
    expect(record).toMatchObject({ state: 'AWAITING_REVIEW', notificationOwed: true });
    expect(record?.history.at(-1)).toMatchObject({ action: 'remediate-not-started', actor: 'system' });
    const redelivered = await receiveFinding(h.deps, record?.finding ?? buildFinding());
    expect(redelivered.outcome).toBe('NOTIFIED');
    expect(h.announcer.of('review')).toHaveLength(2);
  });
});
