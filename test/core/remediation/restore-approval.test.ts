import { handleClick } from '../../../core/remediation/handle-click';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import type { SlackInteraction } from '../../../core/slack/parse-interaction';
import { buildFinding } from '../../support/fixtures';
import { RecordingNotifier } from './support/fakes';
import { harness } from './support/harness';

const ALICE_ARN = 'aws:arn:aws:sts::123456789012:assumed-role/Operators/alice';
const BOB_ARN = 'aws:arn:aws:sts::123456789012:assumed-role/Operators/bob';
const CHANNEL = 'C0REVIEW01';
const TEAM = 'T0LOCAL001';

/** A finding quarantined automatically (AUTO), under `restoreApprovals` 2 unless told otherwise. */
async function quarantined(restoreApprovals: 1 | 2 = 2) {
  const h = harness({ restoreApprovals });
  const finding = buildFinding({ type: 'Financial', bucket: 'payroll-exports', key: 'hr/salaries.csv' });
  await receiveFinding(h.deps, finding);
  h.announcer.calls.length = 0;
  h.jobs.length = 0;
  return { h, id: finding.id };
}

const restoreJob = (findingId: string, approver: string) => ({
  kind: 'restore' as const,
  findingId,
  actor: 'cli:ops',
  approver,
});

describe('Two-person restore (restoreApprovals: 2)', () => {
  describe('from a run (the CLI, the remediator)', () => {
    it('records the first approval and moves nothing: PENDING_APPROVAL, in the history and in Slack', async () => {
      // Prepare
      const { h, id } = await quarantined();

      // Act
      const result = await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Assess
      expect(result).toMatchObject({
        outcome: 'PENDING_APPROVAL',
        reason: `approval 1 of 2 by ${ALICE_ARN}; another approver must restore it`,
      });
      expect(h.quarantine.restores).toHaveLength(0);
      const record = await h.ledger.get(id);
      expect(record?.state).toBe('QUARANTINED');
      expect(record?.restoreApproval).toStrictEqual({ approver: ALICE_ARN, at: '2026-11-27T12:00:00.000Z' });
      expect(record?.history.at(-1)).toStrictEqual({
        at: '2026-11-27T12:00:00.000Z',
        actor: 'cli:ops',
        action: 'restore-approved',
        outcome: 'PENDING_APPROVAL',
        detail: `approval 1 of 2 by ${ALICE_ARN}`,
      });
      expect(h.announcer.calls).toEqual([
        { method: 'outcome', findingId: id, actor: 'cli:ops', outcome: 'PENDING_APPROVAL' },
      ]);
    });

    it('does not count the same approver twice, and says so', async () => {
      // Prepare
      const { h, id } = await quarantined();
      await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Act
      const again = await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Assess
      expect(again).toMatchObject({
        outcome: 'PENDING_APPROVAL',
        reason: 'already approved by you; a second approver is needed',
      });
      expect(h.quarantine.restores).toHaveLength(0);
      const record = await h.ledger.get(id);
      expect(record?.history.filter((e) => e.action === 'restore-approved')).toHaveLength(1);
    });

    it('restores on a different second approver, and the approval is spent', async () => {
      // Prepare
      const { h, id } = await quarantined();
      await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Act
      const second = await runJob(h.deps, restoreJob(id, BOB_ARN));

      // Assess
      expect(second.outcome).toBe('RESTORED');
      expect(h.quarantine.restores).toHaveLength(1);
      const record = await h.ledger.get(id);
      expect(record?.state).toBe('RESTORED');
      expect(record?.restoreApproval).toBeUndefined();
    });

    it('counts two simultaneous first approvals as first and second: the object is restored once', async () => {
      // Prepare
      const { h, id } = await quarantined();

      // Act
      const results = await Promise.all([
        runJob(h.deps, restoreJob(id, ALICE_ARN)),
        runJob(h.deps, restoreJob(id, BOB_ARN)),
      ]);

      // Assess
      expect(results.map((r) => r.outcome).sort()).toEqual(['PENDING_APPROVAL', 'RESTORED']);
      expect(h.quarantine.restores).toHaveLength(1);
    });

    it('keeps one approval of the same approver asking twice at once, and moves nothing', async () => {
      // Prepare
      const { h, id } = await quarantined();

      // Act
      const results = await Promise.all([
        runJob(h.deps, restoreJob(id, ALICE_ARN)),
        runJob(h.deps, restoreJob(id, ALICE_ARN)),
      ]);

      // Assess
      expect(results.map((r) => r.outcome)).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);
      expect(h.quarantine.restores).toHaveLength(0);
      expect((await h.ledger.get(id))?.history.filter((e) => e.action === 'restore-approved')).toHaveLength(1);
    });

    it('restores at once with one approval needed (the default)', async () => {
      // Prepare
      const { h, id } = await quarantined(1);

      // Act
      const result = await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Assess
      expect(result.outcome).toBe('RESTORED');
    });
  });

  describe('from Slack (handleClick)', () => {
    const ALICE = 'U0ALICE001';
    const BOB = 'U0BOB00001';
    const click = (findingId: string, userId: string): SlackInteraction => ({
      type: 'block_actions',
      actionId: 'restore',
      value: findingId,
      userId,
      teamId: TEAM,
      channelId: CHANNEL,
      messageTs: '1764237600.000001',
      responseUrl: 'https://hooks.slack.test/actions/1',
      triggerId: 'trigger-1',
    });
    const options = (notifier: RecordingNotifier) => ({
      approval: { approvers: [ALICE, BOB], approverGroups: [], channel: CHANNEL, teamId: TEAM },
      lookupGroupMembers: async () => [],
      notifier,
    });

    it('approves on the first click, refuses the same person again, and restores on another approver’s click', async () => {
      // Prepare
      const { h, id } = await quarantined();
      const notifier = new RecordingNotifier();

      // Act
      const first = await handleClick(h.deps, click(id, ALICE), options(notifier));
      const again = await handleClick(h.deps, click(id, ALICE), options(notifier));
      const jobsBeforeSecond = h.jobs.length;
      const second = await handleClick(h.deps, click(id, BOB), options(notifier));

      // Assess
      expect(first.status).toBe('accepted');
      expect(again).toStrictEqual({
        status: 'refused',
        reason: 'already approved by you; a second approver is needed',
      });
      expect(jobsBeforeSecond).toBe(0);
      expect(notifier.ephemerals.map((e) => e.text)).toEqual([
        'Nothing done: already approved by you; a second approver is needed.',
      ]);
      expect(second.status).toBe('accepted');
      expect(h.jobs).toHaveLength(1);
      expect(h.quarantine.restores).toHaveLength(1);
      expect((await h.ledger.get(id))?.state).toBe('RESTORED');
      expect(h.announcer.calls.map((c) => ('outcome' in c ? c.outcome : c.method))).toEqual([
        'PENDING_APPROVAL',
        'progress',
        'RESTORED',
      ]);
    });

    it('never counts a Slack user and an AWS identity as the same approver', async () => {
      // Prepare
      const { h, id } = await quarantined();
      await runJob(h.deps, restoreJob(id, ALICE_ARN));

      // Act
      const second = await handleClick(h.deps, click(id, ALICE), options(new RecordingNotifier()));

      // Assess
      expect(second.status).toBe('accepted');
      expect((await h.ledger.get(id))?.state).toBe('RESTORED');
    });
  });
});
