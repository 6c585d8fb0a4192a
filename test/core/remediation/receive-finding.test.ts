import { receiveFinding } from '../../../core/remediation/receive-finding';
import { requestAction } from '../../../core/remediation/request-action';
import { buildFinding } from '../../support/fixtures';
import { harness } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };

describe('Function: receiveFinding', () => {
  it('quarantines an AUTO finding and announces the outcome once, however often it is delivered', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Financial', ...OBJECT });

    // Act
    const first = await receiveFinding(h.deps, finding);
    const again = await receiveFinding(h.deps, finding);

    // Assess
    expect(first).toMatchObject({ outcome: 'QUARANTINED', quarantine: { bucket: 'quarantine-bucket' } });
    expect(again.outcome).toBe('ALREADY_QUARANTINED');
    expect(h.quarantine.moves).toHaveLength(1);
    expect(h.quarantine.moves[0]).toMatchObject({ actor: 'auto', source: { bucket: OBJECT.bucket, eTag: 'e1' } });
    expect(h.announcer.of('outcome')).toEqual([
      { method: 'outcome', findingId: finding.id, actor: 'auto', outcome: 'QUARANTINED' },
    ]);
    const record = await h.ledger.get(finding.id);
    expect(record?.state).toBe('QUARANTINED');
    expect(record?.slack?.ts).toBeDefined();
  });

  it('posts a REVIEW finding once even when EventBridge delivers it twice', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Personal', ...OBJECT });

    // Act
    const results = [await receiveFinding(h.deps, finding), await receiveFinding(h.deps, finding)];

    // Assess
    expect(results.map((r) => r.outcome)).toEqual(['NOTIFIED', 'NOTIFIED']);
    expect(h.announcer.of('review')).toHaveLength(1);
    expect(h.quarantine.moves).toHaveLength(0);
    expect((await h.ledger.get(finding.id))?.state).toBe('AWAITING_REVIEW');
  });

  it('links a re-scan of an object awaiting review to the first finding instead of announcing it', async () => {
    // Prepare
    const h = harness();
    const first = buildFinding({ type: 'Personal', ...OBJECT });
    const rescan = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, first);

    // Act
    const result = await receiveFinding(h.deps, rescan);

    // Assess
    expect(result).toMatchObject({ findingId: rescan.id, outcome: 'NOTIFIED' });
    expect(result.reason).toContain(`same object as finding ${first.id}`);
    expect(h.announcer.of('review')).toHaveLength(1);
    expect(await h.ledger.get(rescan.id)).toMatchObject({ state: 'LINKED', linkedTo: first.id });
    expect((await h.ledger.get(first.id))?.history.at(-1)).toMatchObject({ action: 'linked', detail: rescan.id });
  });

  it('links a re-scan of an object already in quarantine', async () => {
    // Prepare
    const h = harness();
    await receiveFinding(h.deps, buildFinding({ type: 'Financial', ...OBJECT }));

    // Act
    const result = await receiveFinding(h.deps, buildFinding({ type: 'Financial', ...OBJECT }));

    // Assess
    expect(result.outcome).toBe('ALREADY_QUARANTINED');
    expect(h.quarantine.moves).toHaveLength(1);
  });

  it('announces a re-scan once the first finding was dismissed: the object is no longer held', async () => {
    // Prepare
    const h = harness();
    const first = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, first);
    await requestAction(h.deps, { action: 'dismiss', findingId: first.id, actor: 'slack:U0ALICE001' });

    // Act
    const result = await receiveFinding(h.deps, buildFinding({ type: 'Personal', ...OBJECT }));

    // Assess
    expect(result.outcome).toBe('NOTIFIED');
    expect(h.announcer.of('review')).toHaveLength(2);
  });

  it('ignores what the policy ignores, and records nothing', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Financial', severity: 'Low', ...OBJECT });
    const strict = { ...h.deps, policy: { ...h.deps.policy, minSeverity: 'HIGH' as const } };

    // Act
    const result = await receiveFinding(strict, finding);

    // Assess
    expect(result).toMatchObject({ outcome: 'IGNORED', reason: 'severity Low is below the minimum HIGH' });
    expect(await h.ledger.get(finding.id)).toBeUndefined();
    expect(h.announcer.calls).toHaveLength(0);
  });

  it('ignores a finding of an account out of scope, and asks which account is its own only when the member list does not say', async () => {
    // Prepare
    const h = harness();
    let asked = 0;
    const deps = {
      ...h.deps,
      policy: { ...h.deps.policy, memberAccounts: ['222233334444'] },
      ownAccount: async () => {
        asked += 1;
        return '111122223333';
      },
    };
    const stranger = buildFinding({ type: 'Financial', accountId: '999988887777', ...OBJECT });
    const member = buildFinding({ type: 'Financial', accountId: '222233334444', ...OBJECT, key: 'member.csv' });

    // Act
    const ignored = await receiveFinding(deps, stranger);
    const askedForStranger = asked;
    const moved = await receiveFinding(deps, member);

    // Assess
    expect(ignored).toMatchObject({
      outcome: 'IGNORED',
      reason: 'account 999988887777 is not in scope (memberAccounts)',
    });
    expect(await h.ledger.get(stranger.id)).toBeUndefined();
    expect(askedForStranger).toBe(1);
    expect(moved.outcome).toBe('QUARANTINED');
    expect(asked).toBe(1);
  });

  it('still quarantines an AUTO finding while Slack is down, records the notification as owed, and delivers it on the next delivery', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Financial', ...OBJECT });
    h.announcer.down = true;

    // Act
    const result = await receiveFinding(h.deps, finding);
    const owed = await h.ledger.get(finding.id);
    h.announcer.down = false;
    await receiveFinding(h.deps, finding);

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect(h.quarantine.moves).toHaveLength(1);
    expect(owed).toMatchObject({ state: 'QUARANTINED', notificationOwed: true });
    expect(owed?.history.map((e) => e.action)).toContain('notification-owed');
    expect(h.announcer.of('outcome')).toEqual([
      { method: 'outcome', findingId: finding.id, actor: 'auto', outcome: 'QUARANTINED' },
    ]);
    const delivered = await h.ledger.get(finding.id);
    expect(delivered?.notificationOwed).toBe(false);
    expect(delivered?.slack?.ts).toBeDefined();
    expect(h.quarantine.moves).toHaveLength(1);
  });

  it('records an owed review message while Slack is down and posts it on the next delivery', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    h.announcer.down = true;

    // Act
    const owed = await receiveFinding(h.deps, finding);
    h.announcer.down = false;
    const delivered = await receiveFinding(h.deps, finding);

    // Assess
    expect(owed).toMatchObject({ outcome: 'NOTIFIED' });
    expect(owed.reason).toMatch(/^review message owed: /);
    expect(delivered.reason).toBeUndefined();
    expect(h.announcer.of('review')).toHaveLength(1);
    expect(await h.ledger.get(finding.id)).toMatchObject({ notificationOwed: false, slack: { channel: 'C0REVIEW01' } });
  });

  it('runs without Slack configured: nothing is announced, nothing is owed', async () => {
    // Prepare
    const h = harness({ withoutSlack: true });
    const finding = buildFinding({ type: 'Financial', ...OBJECT });

    // Act
    const result = await receiveFinding(h.deps, finding);

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect((await h.ledger.get(finding.id))?.notificationOwed).toBeUndefined();
  });
});
