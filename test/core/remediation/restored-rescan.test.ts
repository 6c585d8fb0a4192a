import { objectIdentity, objectLocation } from '../../../core/finding/object-identity';
import { receive, receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import type { Ledger } from '../../../core/types/ports';
import { buildFinding } from '../../support/fixtures';
import { prng, type Random } from '../../support/prng';
import { harness, NOW } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };
/** A restore into a versioned bucket: the same bytes under a new version id. */
const RESTORED = { ...OBJECT, versionId: 'v2' };
const ALICE = 'slack:U0ALICE001';

/** The ledger, each call made after 0 to 11 turns of the event loop's microtasks (as `random` picks). */
function jittered(ledger: Ledger, random: Random): Ledger {
  return new Proxy(ledger, {
    get(target, name) {
      const member = Reflect.get(target, name);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        for (let turns = random.int(12); turns > 0; turns--) await Promise.resolve();
        return member.apply(target, args);
      };
    },
  });
}

describe('Function: receiveFinding, after a person restored the object', () => {
  it.each([
    ['AUTO', 'Financial'],
    ['REVIEW', 'Personal'],
  ] as const)(
    'ignores a %s re-scan of the unchanged object: linked to the restore, nothing moved or posted',
    async (_, type) => {
      // Prepare
      const h = harness();
      const first = buildFinding({ type: 'Financial', ...OBJECT });
      await receiveFinding(h.deps, first);
      await runJob(h.deps, { kind: 'restore', findingId: first.id, actor: ALICE });
      const announced = h.announcer.calls.length;
      const rescan = buildFinding({ type, ...RESTORED, eTag: '"E1"' });

      // Act
      const result = await receiveFinding(h.deps, rescan);

      // Assess
      const reason = `restored by @U0ALICE001 on 2026-11-27 12:00 UTC (finding ${first.id}); the object is unchanged since`;
      expect(result).toMatchObject({ findingId: rescan.id, outcome: 'IGNORED', reason });
      expect(h.quarantine.moves).toHaveLength(1);
      expect(h.announcer.calls).toHaveLength(announced);
      const record = await h.ledger.get(rescan.id);
      expect(record).toMatchObject({ state: 'IGNORED', linkedTo: first.id });
      expect(record?.history).toEqual([
        { at: NOW.toISOString(), actor: 'auto', action: 'ignored', outcome: 'IGNORED', detail: reason },
      ]);
      expect((await h.ledger.get(first.id))?.history.at(-1)).toMatchObject({
        action: 'rescan-ignored',
        detail: rescan.id,
      });
      expect(await receiveFinding(h.deps, rescan)).toEqual(result);
    },
  );

  it('never moves a re-scan racing the restore of its object, in 300 interleavings: linked while held, else ignored', async () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      // Prepare: an unversioned object in quarantine; its re-scan is the same object
      const h = harness();
      const object = { bucket: 'payroll-exports', key: 'hr/bonuses.csv', eTag: 'e7' };
      const first = buildFinding({ type: 'Financial', ...object });
      await receiveFinding(h.deps, first);
      const rescan = buildFinding({ type: 'Financial', ...object });
      const deps = { ...h.deps, ledger: jittered(h.ledger, prng(seed)) };

      // Act: the restore and the re-scan at once, their ledger calls interleaved differently by each seed
      const [restored] = await Promise.all([
        runJob(deps, { kind: 'restore', findingId: first.id, actor: ALICE }),
        receiveFinding(deps, rescan),
      ]);

      // Assess
      expect(restored.outcome).toBe('RESTORED');
      expect(h.quarantine.moves).toHaveLength(1);
      outcomes.add(String((await h.ledger.get(rescan.id))?.state));
    }
    // Both ways the race goes were run: the re-scan linked to the restore at work, and ignored after it.
    expect([...outcomes].sort()).toEqual(['IGNORED', 'LINKED']);
  });

  it('quarantines a re-scan with changed bytes again: a new decision', async () => {
    // Prepare
    const h = harness();
    const first = buildFinding({ type: 'Financial', ...OBJECT });
    await receiveFinding(h.deps, first);
    await runJob(h.deps, { kind: 'restore', findingId: first.id, actor: ALICE });

    // Act
    const result = await receiveFinding(
      h.deps,
      buildFinding({ type: 'Financial', ...OBJECT, versionId: 'v3', eTag: 'e2' }),
    );

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect(h.quarantine.moves).toHaveLength(2);
  });

  it('protects nothing when the policy itself restored it', async () => {
    // Prepare
    const h = harness();
    const first = buildFinding({ type: 'Financial', ...OBJECT });
    await receiveFinding(h.deps, first);
    await runJob(h.deps, { kind: 'restore', findingId: first.id, actor: 'auto' });

    // Act
    const result = await receiveFinding(h.deps, buildFinding({ type: 'Financial', ...RESTORED }));

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
  });
});

describe("Function: receive, given a page's read of restores (backfill)", () => {
  /** An unversioned bucket: an object is known by its ETag, and a restore puts the same bytes back. */
  const UNVERSIONED = { bucket: 'payroll-exports', key: 'hr/bonuses.csv', eTag: 'e7' };

  it("takes a first claim's restore from the page's read, reading none of its own, and leaves the object unclaimed", async () => {
    // Prepare: restored into a versioned bucket, then a page listed the re-scan of the new version and was read
    const h = harness();
    const first = buildFinding({ type: 'Financial', ...OBJECT });
    await receiveFinding(h.deps, first);
    await runJob(h.deps, { kind: 'restore', findingId: first.id, actor: ALICE });
    const rescan = buildFinding({ type: 'Financial', ...RESTORED });
    const listed = await h.ledger.restoredObjects([objectLocation(rescan)]);
    const reads = jest.spyOn(h.ledger, 'restoredObject');

    // Act
    const { result } = await receive(h.deps, rescan, 'auto', listed);

    // Assess
    expect(result).toMatchObject({ outcome: 'IGNORED' });
    expect(reads).not.toHaveBeenCalled();
    expect(h.quarantine.moves).toHaveLength(1);
    expect(await h.ledger.claimObject(objectIdentity(rescan), 'f-next')).toMatchObject({ claimed: true });
  });

  it("reads the restore itself when the object was claimed before: a restore made after the page's read still decides", async () => {
    // Prepare: the page is read before the restore; the re-scan is of the restored bytes, the same object
    const h = harness();
    const first = buildFinding({ type: 'Financial', ...UNVERSIONED });
    await receiveFinding(h.deps, first);
    const listed = await h.ledger.restoredObjects([objectLocation(first)]);
    await runJob(h.deps, { kind: 'restore', findingId: first.id, actor: ALICE });

    // Act
    const { result } = await receive(h.deps, buildFinding({ type: 'Financial', ...UNVERSIONED }), 'auto', listed);

    // Assess: not quarantined again
    expect(listed.size).toBe(0);
    expect(result).toMatchObject({ outcome: 'IGNORED' });
    expect(h.quarantine.moves).toHaveLength(1);
  });

  it('leaves a redelivered finding the claim it holds, when a restore of the same bytes would decide a new one', async () => {
    // Prepare: a finding under review holds its object; a restore of those bytes by another finding is remembered
    const h = harness();
    const held = buildFinding({ type: 'Personal', ...UNVERSIONED });
    await receiveFinding(h.deps, held);
    await h.ledger.rememberRestore({
      location: objectLocation(held),
      eTag: 'e7',
      findingId: 'f-restored-elsewhere',
      actor: ALICE,
      restoredAt: NOW.toISOString(),
    });

    // Act
    const redelivered = await receive(h.deps, held, 'auto', new Map());

    // Assess
    expect(redelivered).toMatchObject({ seenBefore: true, result: { outcome: 'NOTIFIED' } });
    expect(await h.ledger.claimObject(objectIdentity(held), 'f-next')).toStrictEqual({
      claimed: false,
      ownerFindingId: held.id,
    });
  });
});
