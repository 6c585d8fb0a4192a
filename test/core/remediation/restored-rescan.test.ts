import { receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import { buildFinding } from '../../support/fixtures';
import { harness, NOW } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };
/** A restore into a versioned bucket: the same bytes under a new version id. */
const RESTORED = { ...OBJECT, versionId: 'v2' };
const ALICE = 'slack:U0ALICE001';

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
