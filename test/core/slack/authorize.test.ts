import { type ApprovalPolicy, authorizeSlackUser } from '../../../core/slack/authorize';

const actor = { userId: 'U0APPROVER', teamId: 'T0TEAM', channelId: 'C0REVIEW' };
const policy: ApprovalPolicy = { approvers: ['U0APPROVER'], approverGroups: [], channel: 'C0REVIEW', teamId: 'T0TEAM' };
const noGroups = async (): Promise<readonly string[]> => {
  throw new Error('no group lookup expected');
};

describe('Function: authorizeSlackUser', () => {
  it('authorizes a configured approver in the review channel and workspace', async () => {
    await expect(authorizeSlackUser(actor, policy, noGroups)).resolves.toEqual({ authorized: true });
  });

  it('fails closed when no approvers are configured', async () => {
    await expect(authorizeSlackUser(actor, { ...policy, approvers: [] }, noGroups)).resolves.toEqual({
      authorized: false,
      reason: 'no approvers are configured (slackApprovers)',
    });
  });

  it.each([
    ['someone who is not an approver', { ...actor, userId: 'U0OTHER' }, /not a configured approver/],
    ['a click from another workspace', { ...actor, teamId: 'T0OTHER' }, /another Slack workspace/],
    ['a click from another channel', { ...actor, channelId: 'C0OTHER' }, /not clicked in the review channel/],
  ])('denies %s', async (_name, who, reason) => {
    const result = await authorizeSlackUser(who, policy, noGroups);
    expect(result).toEqual({ authorized: false, reason: expect.stringMatching(reason) });
  });

  it('does not check the workspace when none is configured (the signature ties the request to our app)', async () => {
    const { teamId: _t, ...withoutTeam } = policy;
    await expect(authorizeSlackUser({ ...actor, teamId: 'T0ANY' }, withoutTeam, noGroups)).resolves.toEqual({
      authorized: true,
    });
  });

  describe('with a channel configured by name', () => {
    const byName: ApprovalPolicy = { ...policy, channel: '#security' };

    it('accepts clicks from the channel id Slack answered when the message was posted', async () => {
      const posted = { ...byName, postedChannelId: 'C0REVIEW' };
      await expect(authorizeSlackUser(actor, posted, noGroups)).resolves.toEqual({ authorized: true });
      await expect(authorizeSlackUser({ ...actor, channelId: 'C0OTHER' }, posted, noGroups)).resolves.toMatchObject({
        authorized: false,
      });
    });

    it('denies when that id is unknown (webhook mode) and says how to fix it', async () => {
      const result = await authorizeSlackUser(actor, { ...byName, postedChannelId: '' }, noGroups);
      expect(result).toEqual({
        authorized: false,
        reason: 'the id of channel #security is unknown: configure slackChannel as a channel id (C…)',
      });
    });
  });

  it('with no channel configured, still requires the channel the message was posted to', async () => {
    // Prepare
    const { channel: _c, ...anyChannel } = policy;

    // Act & Assess
    await expect(authorizeSlackUser(actor, anyChannel, noGroups)).resolves.toEqual({ authorized: true });
    await expect(
      authorizeSlackUser({ ...actor, channelId: 'C0OTHER' }, { ...anyChannel, postedChannelId: 'C0REVIEW' }, noGroups),
    ).resolves.toMatchObject({ authorized: false });
  });

  describe('with approver user groups', () => {
    const groups: ApprovalPolicy = { ...policy, approvers: [], approverGroups: ['S0EMPTY', 'S0SECOPS'] };
    const members: Record<string, readonly string[]> = { S0EMPTY: [], S0SECOPS: ['U0MEMBER'] };
    const lookup = async (group: string) => members[group] ?? [];

    it('authorizes a member of a configured group', async () => {
      await expect(authorizeSlackUser({ ...actor, userId: 'U0MEMBER' }, groups, lookup)).resolves.toEqual({
        authorized: true,
      });
    });

    it('denies a non-member', async () => {
      await expect(authorizeSlackUser(actor, groups, lookup)).resolves.toMatchObject({ authorized: false });
    });

    it('fails closed when a group cannot be read, naming it', async () => {
      // Prepare
      const failing = async (group: string) => {
        if (group === 'S0SECOPS') throw new Error('missing_scope');
        return [];
      };

      // Act & Assess
      await expect(authorizeSlackUser({ ...actor, userId: 'U0MEMBER' }, groups, failing)).resolves.toEqual({
        authorized: false,
        reason: 'could not read the members of user group S0SECOPS',
      });
    });

    it('does not ask Slack when the user is listed directly', async () => {
      const both = { ...groups, approvers: ['U0APPROVER'] };
      await expect(authorizeSlackUser(actor, both, noGroups)).resolves.toEqual({ authorized: true });
    });
  });
});
