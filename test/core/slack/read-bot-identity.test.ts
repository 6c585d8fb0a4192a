import type { FetchFunction } from '@slack/web-api';
import { silentLogger } from '../../../core/logger';
import { createWebClient } from '../../../core/slack/create-web-client';
import { readBotIdentity } from '../../../core/slack/read-bot-identity';

const answering =
  (body: unknown): FetchFunction =>
  async () =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const client = (fetch: FetchFunction) =>
  createWebClient({
    botToken: 'xoxb-test',
    logger: silentLogger,
    fetch,
    retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });

describe('Function: readBotIdentity', () => {
  it('returns the token’s workspace and bot user from auth.test', async () => {
    const fetch = answering({ ok: true, team_id: 'T0TEAM', user_id: 'U0BOT', bot_id: 'B0BOT', team: 'Acme' });
    await expect(readBotIdentity(client(fetch))).resolves.toEqual({
      teamId: 'T0TEAM',
      userId: 'U0BOT',
      botId: 'B0BOT',
    });
  });

  it('fails with SLACK_FAILED when the token is refused, without quoting it', async () => {
    // Act
    const error = await readBotIdentity(client(answering({ ok: false, error: 'invalid_auth' }))).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toMatchObject({ code: 'SLACK_FAILED', message: 'Slack auth.test failed: invalid_auth' });
    expect(String((error as Error).message)).not.toContain('xoxb-test');
  });

  it('fails when the answer has no team id', async () => {
    await expect(readBotIdentity(client(answering({ ok: true })))).rejects.toThrow('no team_id in the answer');
  });
});
