import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import type { StoredMessage } from '../../../local/slack/types';

const blocks = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Sensitive data* in `payments/cards.csv`' } },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Remediate' },
        action_id: 'remediate',
        value: 'f-1',
        style: 'danger',
      },
      { type: 'button', text: { type: 'plain_text', text: 'Dismiss' }, value: 'f-1' },
    ],
  },
];

describe('Class: SlackStandIn (Web API)', () => {
  const slack = new SlackStandIn();
  let bot: WebClient;
  const clientWith = (token?: string) =>
    new WebClient(token, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });

  beforeAll(async () => {
    await slack.start();
    bot = clientWith(SLACK_DEFAULTS.botToken);
  });

  afterAll(() => slack.stop());

  beforeEach(() => slack.reset());

  describe('Methods: chat.postMessage, chat.update, chat.postEphemeral', () => {
    it('posts to a #name, updates and sends an ephemeral, keeping blocks as objects', async () => {
      // Prepare
      const events: string[] = [];
      const onMessage = (m: StoredMessage) => events.push(`message ${m.ts}`);
      const onUpdate = (m: StoredMessage) => events.push(`update ${m.ts}`);
      slack.on('message', onMessage);
      slack.on('update', onUpdate);

      // Act
      const posted = await bot.chat.postMessage({ channel: '#macie-findings', text: 'Finding f-1', blocks });
      const ts = posted.ts ?? '';
      const updated = await bot.chat.update({
        channel: posted.channel ?? '',
        ts,
        text: 'Finding f-1 remediated',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Quarantined' } }],
      });
      const ephemeral = await bot.chat.postEphemeral({ channel: 'C0FINDINGS1', user: 'U0ALICE001', text: 'Done.' });
      slack.off('message', onMessage);
      slack.off('update', onUpdate);

      // Assess
      expect(posted).toMatchObject({
        ok: true,
        channel: 'C0FINDINGS1',
        message: { text: 'Finding f-1', bot_id: 'B0BOT00001' },
      });
      expect(ts).toMatch(/^\d{10}\.\d{6}$/);
      expect(updated).toMatchObject({ ok: true, channel: 'C0FINDINGS1', ts, text: 'Finding f-1 remediated' });
      expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
      const [message] = slack.messages('#macie-findings');
      expect(message?.text).toBe('Finding f-1 remediated');
      expect(message?.history[0]?.text).toBe('Finding f-1');
      expect(message?.history[0]?.blocks[1]).toMatchObject({ type: 'actions', block_id: expect.any(String) });
      expect(slack.ephemerals({ user: 'U0ALICE001' })).toMatchObject([{ channel: 'C0FINDINGS1', text: 'Done.' }]);
      expect(events).toEqual([`message ${ts}`, `update ${ts}`]);
      const [call] = slack.calls('chat.postMessage');
      expect(call?.token).toBe(SLACK_DEFAULTS.botToken);
      expect(call?.args.blocks).toEqual(blocks);
    });

    it('gives generated action ids to buttons that have none, as Slack does', async () => {
      // Act
      const posted = await bot.chat.postMessage({ channel: 'C0FINDINGS1', text: 'x', blocks });

      // Assess
      const stored = posted.message?.blocks?.[1] as { elements: { action_id?: string }[] };
      expect(stored.elements[0]?.action_id).toBe('remediate');
      expect(stored.elements[1]?.action_id).toEqual(expect.any(String));
    });

    it('answers Slack errors: message_not_found, channel_not_found, no_text, user_not_in_channel', async () => {
      // Prepare
      slack.addChannel('private-room', { isPrivate: true, members: ['U0ALICE001'] });

      // Act / Assess
      await expect(bot.chat.update({ channel: 'C0FINDINGS1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: 'message_not_found' },
      });
      await expect(bot.chat.postMessage({ channel: '#nowhere', text: 'x' })).rejects.toMatchObject({
        data: { error: 'channel_not_found' },
      });
      await expect(bot.chat.postMessage({ channel: 'C0FINDINGS1', text: '' })).rejects.toMatchObject({
        data: { error: 'no_text' },
      });
      await expect(
        bot.chat.postEphemeral({ channel: '#private-room', user: 'U0BOB00001', text: 'x' }),
      ).rejects.toMatchObject({ data: { error: 'user_not_in_channel' } });
    });

    it('refuses to update a message it did not post through the API', async () => {
      // Prepare
      const hook = slack.createWebhook();
      await fetch(hook, { method: 'POST', body: JSON.stringify({ text: 'from a webhook' }) });
      const [hooked] = slack.messages();

      // Act
      const call = bot.chat.update({ channel: 'C0FINDINGS1', ts: hooked?.ts ?? '', text: 'edited' });

      // Assess
      await expect(call).rejects.toMatchObject({ data: { error: 'cant_update_message' } });
    });
  });

  describe('Authentication', () => {
    it('answers not_authed without a token, invalid_auth for an unknown one, not_allowed_token_type for the wrong kind', async () => {
      // Act / Assess
      await expect(clientWith().auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
      await expect(clientWith('xoxb-nope').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
      await expect(
        clientWith(SLACK_DEFAULTS.appConfigToken).chat.postMessage({ channel: 'C0FINDINGS1', text: 'x' }),
      ).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
      await expect(bot.apps.manifest.export({ app_id: 'A1' })).rejects.toMatchObject({
        data: { error: 'not_allowed_token_type' },
      });
    });

    it('answers unknown_method for methods it does not know', async () => {
      // Act
      const call = bot.apiCall('reactions.add', { channel: 'C0FINDINGS1' });

      // Assess
      await expect(call).rejects.toMatchObject({ data: { ok: false, error: 'unknown_method' } });
    });
  });

  describe('Methods: auth.test, users.info, usergroups.users.list, conversations.info', () => {
    it('describes the bot, users, groups and channels of the configured workspace', async () => {
      // Act
      const auth = await bot.auth.test();
      const user = await bot.users.info({ user: 'U0ALICE001' });
      const group = await bot.usergroups.users.list({ usergroup: 'S0SECOPS01' });
      const channel = await bot.conversations.info({ channel: 'C0FINDINGS1' });

      // Assess
      expect(auth).toMatchObject({
        ok: true,
        user_id: 'U0BOT00001',
        bot_id: 'B0BOT00001',
        team_id: 'T0LOCAL001',
        team: 'Local Workspace',
        url: 'https://local-workspace.slack.com/',
      });
      expect(user.user).toMatchObject({ id: 'U0ALICE001', name: 'alice', real_name: 'Alice Approver' });
      expect(group.users).toEqual(['U0ALICE001']);
      expect(channel.channel).toMatchObject({ id: 'C0FINDINGS1', name: 'macie-findings', is_channel: true });
      await expect(bot.users.info({ user: 'U0NOPE' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
      await expect(bot.usergroups.users.list({ usergroup: 'S0NOPE' })).rejects.toMatchObject({
        data: { error: 'no_such_subteam' },
      });
    });
  });

  describe('Fault injection', () => {
    it('makes the WebClient fail the way real outages do', async () => {
      // Prepare
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
      slack.failNext('chat.postMessage', { status: 500 });
      slack.failNext('chat.postMessage', { error: 'ratelimited' });
      slack.failNext('*', { network: true });
      const post = () => bot.chat.postMessage({ channel: 'C0FINDINGS1', text: 'x' });

      // Act / Assess
      await expect(post()).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
      await expect(post()).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
      await expect(post()).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'ratelimited' } });
      await expect(bot.auth.test()).rejects.toMatchObject({ code: ErrorCode.RequestError });
      await expect(post()).resolves.toMatchObject({ ok: true });
      expect(slack.calls().map((c) => [c.method, c.faulted])).toEqual([
        ['chat.postMessage', true],
        ['chat.postMessage', true],
        ['chat.postMessage', true],
        ['auth.test', true],
        ['chat.postMessage', false],
      ]);
      expect(slack.messages()).toHaveLength(1);
    });
  });
});
