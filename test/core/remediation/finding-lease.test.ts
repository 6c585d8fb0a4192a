import { receiveFinding } from '../../../core/remediation/receive-finding';
import { requestAction } from '../../../core/remediation/request-action';
import { runJob } from '../../../core/remediation/run-job';
import type { Lease } from '../../../core/types/ledger';
import { buildFinding } from '../../support/fixtures';
import { type Harness, harness, NOW } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };
const BOB = 'cli:bob';

const leaseOf = (owner: string, minutesLeft: number, extra: Partial<Lease> = {}): Lease => ({
  owner,
  actor: owner.split('#')[0] ?? owner,
  takenAt: '2026-11-27T11:55:00.000Z',
  expiresAt: new Date(NOW.getTime() + minutesLeft * 60_000).toISOString(),
  ...extra,
});

/** An AUTO finding recorded by the finding handler, its job not yet run: REMEDIATING under `lease`. */
async function remediating(h: Harness, lease: Lease): Promise<string> {
  const finding = buildFinding({ type: 'Financial', ...OBJECT });
  const record = {
    findingId: finding.id,
    state: 'REMEDIATING' as const,
    objectIdentity: `acct/region/${OBJECT.bucket}/${OBJECT.key}#v1`,
    findingType: finding.type,
    severity: 'High',
    source: OBJECT,
    decision: 'AUTO' as const,
    finding,
    lease,
    createdAt: NOW.toISOString(),
    history: [{ at: NOW.toISOString(), actor: 'auto', action: 'received' }],
  };
  await h.ledger.begin(record);
  return finding.id;
}

/** What the winner writes when its move lands. */
const winnerFinishes = (h: Harness, id: string, owner: string) =>
  h.ledger.transition(id, {
    from: ['REMEDIATING'],
    to: 'QUARANTINED',
    event: { at: NOW.toISOString(), actor: 'slack:U0ALICE001', action: 'quarantined', outcome: 'QUARANTINED' },
    patch: { quarantine: { bucket: 'q', key: `${id}/k` } },
    lease: { release: owner },
  });

describe('Leases: one run at a time per finding', () => {
  it('a run that finds the finding held waits for the winner and reports what it did, moving and announcing nothing', async () => {
    // Prepare: the winner lands its move while the loser waits
    const waits: number[] = [];
    let h: Harness;
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (waits.length === 2) await winnerFinishes(h, id, 'slack:U0ALICE001#1');
    };
    h = harness({ sleep });
    const id = await remediating(h, leaseOf('slack:U0ALICE001#1', 10));

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: id, actor: BOB });

    // Assess
    expect(result).toMatchObject({ outcome: 'ALREADY_QUARANTINED', reason: 'quarantined by slack:U0ALICE001' });
    expect(h.quarantine.moves).toHaveLength(0);
    expect(h.announcer.calls).toHaveLength(0);
    expect(waits).toHaveLength(2);
  });

  it('reports PLANNED "in progress by … since …" when the winner is still at work after about ten seconds', async () => {
    // Prepare
    const waits: number[] = [];
    const h = harness({ sleep: async (ms) => void waits.push(ms) });
    const id = await remediating(h, leaseOf('cli:alice#9', 10));

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: id, actor: BOB });

    // Assess
    expect(result).toMatchObject({
      outcome: 'PLANNED',
      reason: 'in progress by cli:alice since 2026-11-27T11:55:00.000Z',
    });
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
    expect(h.quarantine.moves).toHaveLength(0);
    expect((await h.ledger.get(id))?.lease?.owner).toBe('cli:alice#9');
  });

  it('takes over an expired lease, finishes the move, records it as resumed and clears the lease', async () => {
    // Prepare
    const h = harness();
    const id = await remediating(h, leaseOf('auto#dead', -1));

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: id, actor: BOB });

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    const record = await h.ledger.get(id);
    expect(record?.state).toBe('QUARANTINED');
    expect(record?.lease).toBeUndefined();
    expect(record?.history.map((e) => e.action)).toEqual([
      'received',
      'remediation-resumed',
      'quarantined',
      'announced',
    ]);
    expect(h.announcer.of('outcome')).toHaveLength(1);
  });

  it('takes over at once from a process of this host that is gone, and not from one that runs', async () => {
    // Prepare
    const probe = {
      holder: { host: 'laptop', pid: 100 },
      isAbandoned: (lease: Lease) => lease.host === 'laptop' && lease.pid === 4242,
    };
    const h = harness({ leaseProbe: probe, sleep: async () => {} });
    const dead = await remediating(h, leaseOf('cli:alice#dead', 14, { host: 'laptop', pid: 4242 }));

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: dead, actor: BOB });

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    const resumed = (await h.ledger.get(dead))?.history.find((e) => e.action === 'remediation-resumed');
    expect(resumed).toMatchObject({ actor: BOB, detail: 'taken over from cli:alice, which stopped' });

    // Act: the same lease, its process alive
    const alive = harness({ leaseProbe: { ...probe, isAbandoned: () => false }, sleep: async () => {} });
    const held = await remediating(alive, leaseOf('cli:alice#live', 14, { host: 'laptop', pid: 4242 }));
    const refused = await runJob(alive.deps, { kind: 'remediate', findingId: held, actor: BOB });

    // Assess
    expect(refused.outcome).toBe('PLANNED');
    expect(alive.quarantine.moves).toHaveLength(0);
  });

  it('records host and pid in a lease taken by a door that knows them', async () => {
    // Prepare
    const probe = { holder: { host: 'laptop', pid: 100 }, isAbandoned: () => false };
    const h = harness({ leaseProbe: probe });
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, finding);
    let seen: Lease | undefined;
    h.quarantine.onMove = async () => {
      seen = (await h.ledger.get(finding.id))?.lease;
    };

    // Act
    await runJob(h.deps, { kind: 'remediate', findingId: finding.id, actor: BOB });

    // Assess
    expect(seen).toMatchObject({ actor: BOB, host: 'laptop', pid: 100, expiresAt: '2026-11-27T12:15:00.000Z' });
  });

  it('a job whose lease was taken over while it worked records nothing and announces nothing', async () => {
    // Prepare: the click's job is slow; its lease expires and another run takes the finding over
    const h = harness();
    const id = await remediating(h, leaseOf('auto#slow', 10));
    h.quarantine.onMove = async () => {
      await h.ledger.transition(id, {
        from: ['REMEDIATING'],
        to: 'REMEDIATING',
        event: { at: NOW.toISOString(), actor: 'cli:carol', action: 'remediation-resumed' },
        lease: { take: leaseOf('cli:carol#1', 15), now: NOW.toISOString(), abandoned: 'auto#slow' },
      });
    };

    // Act
    const result = await runJob(h.deps, { kind: 'remediate', findingId: id, actor: 'auto', lease: 'auto#slow' });

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    const record = await h.ledger.get(id);
    expect(record?.state).toBe('REMEDIATING');
    expect(record?.lease?.owner).toBe('cli:carol#1');
    expect(h.announcer.calls).toHaveLength(0);
  });

  it('of three runs of the same finding at once, one moves it and announces once; none fails', async () => {
    // Prepare
    const h = harness({ sleep: () => new Promise((resolve) => setImmediate(resolve)) });
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, finding);

    // Act
    const results = await Promise.all(
      ['cli:a', 'cli:b', 'cli:c'].map((actor) => runJob(h.deps, { kind: 'remediate', findingId: finding.id, actor })),
    );

    // Assess
    expect(h.quarantine.moves).toHaveLength(1);
    expect(h.announcer.of('outcome')).toHaveLength(1);
    for (const r of results) expect(['QUARANTINED', 'ALREADY_QUARANTINED', 'PLANNED']).toContain(r.outcome);
    const started = (await h.ledger.get(finding.id))?.history.filter((e) => e.action === 'remediation-started');
    expect(started).toHaveLength(1);
  });

  it('a click takes the lease and its job works under it; a run without the lease waits instead', async () => {
    // Prepare
    const h = harness({ sleep: async () => {} });
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, finding);
    let intruder: Awaited<ReturnType<typeof runJob>> | undefined;
    h.quarantine.onMove = async () => {
      intruder ??= await runJob(h.deps, { kind: 'remediate', findingId: finding.id, actor: BOB });
    };

    // Act
    const requested = await requestAction(h.deps, {
      action: 'remediate',
      findingId: finding.id,
      actor: 'slack:U0ALICE001',
    });

    // Assess
    expect(requested.accepted).toBe(true);
    expect(h.jobs[0]?.lease).toMatch(/^slack:U0ALICE001#/);
    expect(intruder?.outcome).toBe('PLANNED');
    expect(h.quarantine.moves).toHaveLength(1);
    expect((await h.ledger.get(finding.id))?.state).toBe('QUARANTINED');
  });

  it('restore: takes over a restore whose run died and finishes it; a second run reports it already restored', async () => {
    // Prepare
    const h = harness();
    const id = await remediating(h, leaseOf('auto#1', 10));
    await runJob(h.deps, { kind: 'remediate', findingId: id, actor: 'auto', lease: 'auto#1' });
    await h.ledger.transition(id, {
      from: ['QUARANTINED'],
      to: 'RESTORING',
      event: { at: NOW.toISOString(), actor: 'cli:alice', action: 'restore-started' },
      lease: { take: leaseOf('cli:alice#dead', -5), now: NOW.toISOString() },
    });

    // Act
    const finished = await runJob(h.deps, { kind: 'restore', findingId: id, actor: BOB });
    const again = await runJob(h.deps, { kind: 'restore', findingId: id, actor: 'cli:carol' });

    // Assess
    expect(finished.outcome).toBe('RESTORED');
    expect(again).toMatchObject({ outcome: 'RESTORED', reason: `already restored by ${BOB}` });
    expect(h.quarantine.restores).toHaveLength(1);
    expect((await h.ledger.get(id))?.history.map((e) => e.action)).toContain('restore-resumed');
  });

  it('a redelivered finding whose move died is handed to the remediator again; one still at work is left alone', async () => {
    // Prepare
    const h = harness({ sleep: async () => {} });
    const id = await remediating(h, leaseOf('auto#dead', -1));
    const finding = (await h.ledger.get(id))?.finding;
    if (!finding) throw new Error('no finding');

    // Act
    const resumed = await receiveFinding(h.deps, finding);

    // Assess
    expect(resumed.outcome).toBe('QUARANTINED');
    expect(h.jobs).toEqual([{ kind: 'remediate', findingId: id, actor: 'auto' }]);

    // Act: a live lease
    const busy = harness();
    const held = await remediating(busy, leaseOf('auto#live', 10));
    const left = await receiveFinding(busy.deps, (await busy.ledger.get(held))?.finding ?? finding);

    // Assess
    expect(left).toMatchObject({ outcome: 'PLANNED', reason: expect.stringContaining('in progress by auto') });
    expect(busy.jobs).toHaveLength(0);
  });
});
