import { handleClick } from '../../../core/remediation/handle-click';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import type { SlackInteraction } from '../../../core/slack/parse-interaction';
import { buildFinding } from '../../support/fixtures';
import { RecordingNotifier } from './support/fakes';
import { harness } from './support/harness';

const CHANNEL = 'C0REVIEW01';
const ALICE = 'U0ALICE001';
const MALLORY = 'U0MALLORY1';
const TEAM = 'T0LOCAL001';

const click = (findingId: string, overrides: Partial<SlackInteraction> = {}): SlackInteraction => ({
  type: 'block_actions',
  actionId: 'remediate',
  value: findingId,
  userId: ALICE,
  teamId: TEAM,
  channelId: CHANNEL,
  messageTs: '1764237600.000001',
  responseUrl: 'https://hooks.slack.test/actions/1',
  triggerId: 'trigger-1',
  ...overrides,
});

async function setUp() {
  const h = harness();
  const notifier = new RecordingNotifier();
  const finding = buildFinding({ type: 'Personal', bucket: 'payroll-exports', key: 'hr/salaries.csv' });
  await receiveFinding(h.deps, finding);
  const options = {
    approval: { approvers: [ALICE], approverGroups: ['S0SECOPS01'], channel: CHANNEL, teamId: TEAM },
    lookupGroupMembers: async (group: string) => (group === 'S0SECOPS01' ? ['U0GROUPIE1'] : []),
    notifier,
  };
  return { h, notifier, options, id: finding.id };
}

describe('Function: handleClick', () => {
  it('accepts an approver’s Remediate: progress first, then the move, with the Slack user as actor', async () => {
    // Prepare
    const { h, notifier, options, id } = await setUp();

    // Act
    const result = await handleClick(h.deps, click(id), options);

    // Assess
    expect(result).toMatchObject({ status: 'accepted', action: 'remediate' });
    expect(h.announcer.calls.map((c) => c.method)).toEqual(['review', 'progress', 'outcome']);
    expect(h.jobs).toEqual([
      { kind: 'remediate', findingId: id, actor: `slack:${ALICE}`, lease: expect.stringMatching(/^slack:U0ALICE001#/) },
    ]);
    expect(notifier.ephemerals).toHaveLength(0);
    const record = await h.ledger.get(id);
    expect(record?.slack).toMatchObject({
      channel: CHANNEL,
      responseUrl: 'https://hooks.slack.test/actions/1',
      responseUrlReceivedAt: '2026-11-27T12:00:00.000Z',
    });
  });

  it('accepts a member of an approver user group', async () => {
    // Prepare
    const { h, options, id } = await setUp();

    // Act
    const result = await handleClick(h.deps, click(id, { userId: 'U0GROUPIE1' }), options);

    // Assess
    expect(result.status).toBe('accepted');
  });

  it.each([
    ['someone who is not an approver', { userId: MALLORY }, 'you are not a configured approver'],
    ['a click from another channel', { channelId: 'C0ELSEWHER' }, 'not clicked in the review channel'],
    ['a click from another workspace', { teamId: 'T0OTHER001' }, 'the request comes from another Slack workspace'],
  ])('refuses %s with an ephemeral reply and changes nothing', async (_name, overrides, reason) => {
    // Prepare
    const { h, notifier, options, id } = await setUp();

    // Act
    const result = await handleClick(h.deps, click(id, overrides), options);

    // Assess
    expect(result).toEqual({ status: 'not-authorized', reason });
    expect(notifier.ephemerals).toHaveLength(1);
    expect(notifier.ephemerals[0]?.text).toBe(`You are not authorized to remediate this finding: ${reason}.`);
    expect((await h.ledger.get(id))?.state).toBe('AWAITING_REVIEW');
    expect(h.jobs).toHaveLength(0);
  });

  it('answers an unknown finding id without touching anything', async () => {
    // Prepare
    const { h, notifier, options } = await setUp();

    // Act
    const result = await handleClick(h.deps, click('no-such-finding'), options);

    // Assess
    expect(result.status).toBe('unknown-finding');
    expect(notifier.ephemerals[0]?.text).toBe('Finding no-such-finding is not known to macie-remediate.');
  });

  it('refuses an action_id our buttons never carry', async () => {
    // Prepare
    const { h, options, id } = await setUp();

    // Act
    const result = await handleClick(h.deps, click(id, { actionId: 'delete_everything' }), options);

    // Assess
    expect(result).toEqual({ status: 'unknown-action', reason: 'unknown action' });
  });

  it('dismisses: the message says so and the object is free for a later scan', async () => {
    // Prepare
    const { h, options, id } = await setUp();

    // Act
    const result = await handleClick(h.deps, click(id, { actionId: 'dismiss' }), options);

    // Assess
    expect(result).toMatchObject({ status: 'accepted', action: 'dismiss' });
    expect(h.announcer.of('dismissed')).toEqual([{ method: 'dismissed', findingId: id, actor: `slack:${ALICE}` }]);
    expect((await h.ledger.get(id))?.state).toBe('DISMISSED');
    expect(h.jobs).toHaveLength(0);
  });

  it('of fifty simultaneous clicks accepts one; the others hear who got there first', async () => {
    // Prepare
    const { h, notifier, options, id } = await setUp();

    // Act
    const results = await Promise.all(Array.from({ length: 50 }, () => handleClick(h.deps, click(id), options)));

    // Assess
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'refused')).toHaveLength(49);
    expect(h.quarantine.moves).toHaveLength(1);
    expect(h.announcer.of('progress')).toHaveLength(1);
    expect(h.announcer.of('outcome')).toHaveLength(1);
    expect(notifier.ephemerals[0]?.text).toMatch(/^Nothing done: finding is (remediating|quarantined) \(/);
  });

  it('still answers when the ephemeral reply cannot be delivered', async () => {
    // Prepare
    const { h, notifier, options, id } = await setUp();
    notifier.down = true;

    // Act
    const result = await handleClick(h.deps, click(id, { userId: MALLORY }), options);

    // Assess
    expect(result.status).toBe('not-authorized');
  });

  it('reads the finding from the ledger once per click', async () => {
    // Prepare
    const { h, options, id } = await setUp();
    const sentOnly = { ...h.deps, dispatcher: { dispatch: async () => undefined } };
    const reads = jest.spyOn(h.ledger, 'get');

    // Act
    const result = await handleClick(sentOnly, click(id), options);

    // Assess
    expect(result.status).toBe('accepted');
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
