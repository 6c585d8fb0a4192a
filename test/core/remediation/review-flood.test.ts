import { REVIEW_FLOOD } from '../../../core/remediation/announce-review';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { buildFinding } from '../../support/fixtures';
import { type Harness, harness } from './support/harness';

type Finding = ReturnType<typeof buildFinding>;

const reviews = (count: number, from = 0): Finding[] =>
  Array.from({ length: count }, (_, i) =>
    buildFinding({
      type: 'Personal',
      bucket: 'payroll-exports',
      key: `scan/${from + i}.csv`,
      versionId: `v${from + i}`,
    }),
  );

async function receiveAll(h: Harness, findings: readonly Finding[]) {
  const results = [];
  for (const finding of findings) results.push(await receiveFinding(h.deps, finding));
  return results;
}

describe('Function: receiveFinding, in a flood of reviews', () => {
  it('posts the threshold, then one digest updated for each later review, in one window', async () => {
    // Prepare
    const h = harness();

    // Act
    const results = await receiveAll(h, reviews(REVIEW_FLOOD.perWindow + 3));

    // Assess
    expect(h.announcer.of('review')).toHaveLength(REVIEW_FLOOD.perWindow);
    expect(h.announcer.of('digest').map((c) => c.method === 'digest' && c.total)).toEqual([21, 22, 23]);
    expect(results.at(-1)).toMatchObject({ outcome: 'NOTIFIED', reason: expect.stringContaining('review digest') });
  });

  it('announces a redelivered digested finding nothing more', async () => {
    // Prepare
    const h = harness();
    const findings = reviews(REVIEW_FLOOD.perWindow + 1);
    await receiveAll(h, findings);
    const calls = h.announcer.calls.length;

    // Act
    const again = await receiveFinding(h.deps, findings[findings.length - 1] as Finding);

    // Assess
    expect(again.outcome).toBe('NOTIFIED');
    expect(h.announcer.calls).toHaveLength(calls);
  });

  it('owes nothing when Slack refuses the digest: the findings wait in the ledger', async () => {
    // Prepare
    const h = harness();
    await receiveAll(h, reviews(REVIEW_FLOOD.perWindow));
    h.announcer.down = true;
    const last = reviews(1, REVIEW_FLOOD.perWindow)[0] as Finding;

    // Act
    const result = await receiveFinding(h.deps, last);

    // Assess
    expect(result.outcome).toBe('NOTIFIED');
    const record = await h.ledger.get(last.id);
    expect(record).toMatchObject({ state: 'AWAITING_REVIEW' });
    expect(record?.notificationOwed).toBeUndefined();
    expect(record?.history.at(-1)).toMatchObject({ action: 'digested' });
  });
});
