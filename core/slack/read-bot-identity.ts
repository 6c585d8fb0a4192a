import type { WebClient } from '@slack/web-api';
import { callWebApi } from './call-web-api';
import { slackFailed } from './slack-failure';

interface BotIdentity {
  /** The workspace the token belongs to: the default `slackTeamId`. */
  readonly teamId: string;
  readonly userId?: string;
  readonly botId?: string;
}

/** auth.test: whose token this is. Also a cheap check that the token works. */
async function readBotIdentity(client: WebClient): Promise<BotIdentity> {
  const result = await callWebApi(client, 'auth.test', {});
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const teamId = str(result.team_id);
  if (!teamId) throw slackFailed('auth.test', 'no team_id in the answer');
  return { teamId, userId: str(result.user_id), botId: str(result.bot_id) };
}

export type { BotIdentity };
export { readBotIdentity };
