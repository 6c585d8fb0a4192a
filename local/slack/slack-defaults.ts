import type { SlackChannel, SlackTeam, SlackUser, SlackUsergroup } from './types';

/** The workspace the stand-in plays unless told otherwise. */
const SLACK_DEFAULTS = {
  team: { id: 'T0LOCAL001', name: 'Local Workspace', domain: 'local-workspace' } satisfies SlackTeam,
  bot: { userId: 'U0BOT00001', botId: 'B0BOT00001', name: 'macie-remediate' },
  appId: 'A0LOCALAPP1',
  botToken: 'xoxb-0000000001-local-stand-in-bot-token',
  appConfigToken: 'xoxe.xoxp-1-local-stand-in-app-configuration-token',
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  verificationToken: 'local-verification-token',
  channels: [{ id: 'C0FINDINGS1', name: 'macie-findings' }] satisfies SlackChannel[],
  users: [
    { id: 'U0ALICE001', name: 'alice', realName: 'Alice Approver' },
    { id: 'U0BOB00001', name: 'bob', realName: 'Bob Bystander' },
  ] satisfies SlackUser[],
  usergroups: [{ id: 'S0SECOPS01', handle: 'secops', users: ['U0ALICE001'] }] satisfies SlackUsergroup[],
} as const;

export { SLACK_DEFAULTS };
