import { SlackNotifier, type SlackNotifierOptions } from '../../../core/slack/SlackNotifier';
import type { SlackMessage } from '../../../core/types/ports';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { type RecordingLogger, recordingLogger } from '../../support/recording-logger';

const BOT_TOKEN = 'xoxb-notifier-test-token';
const CHANNEL = { id: 'C0REVIEW01', name: 'security' };
const USER = { id: 'U0APPROVER', name: 'alice' };
const NOW = new Date('2026-11-27T12:00:00.000Z');
/** Small backoff: the tests are about what is retried, not how long it waits. */
const RETRY = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 };

const message = (text: string): SlackMessage => ({
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

describe('Class: SlackNotifier (against the local Slack stand-in)', () => {
  const slack = new SlackStandIn({
    botTokens: [BOT_TOKEN],
    channels: [CHANNEL],
    users: [USER],
    clock: () => NOW,
    // Clicks are only built (for their response_url), never sent.
    interactivityUrl: 'http://127.0.0.1:9/unused',
  });
  let log: RecordingLogger;

  beforeAll(async () => {
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
  });
  beforeEach(() => {
    slack.reset();
    log = recordingLogger();
  });

  const notifier = (options: Partial<SlackNotifierOptions> = {}) =>
    new SlackNotifier({ slackApiUrl: slack.apiUrl, clock: () => NOW, logger: log.logger, retry: RETRY, ...options });
  const botNotifier = (options: Partial<SlackNotifierOptions> = {}) =>
    notifier({ botToken: BOT_TOKEN, channel: CHANNEL.id, ...options });

  /** A click on the message's button, for the response_url Slack hands out with it. */
  const clickFor = (ts: string) => slack.buildClick({ ts, userId: USER.id, actionId: 'remediate' });
  const withButton = (text: string): SlackMessage => ({
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'remediate', value: 'f1', text: { type: 'plain_text', text: 'Remediate' } },
        ],
      },
    ],
  });

  describe('bot-token mode', () => {
    it('posts with chat.postMessage and updates the same message with chat.update', async () => {
      // Prepare
      const bot = botNotifier();

      // Act
      const ref = await bot.post(message('review needed'));
      await bot.update(ref, message('quarantined'));

      // Assess
      expect(ref).toEqual({ channel: CHANNEL.id, ts: expect.any(String), postedAt: NOW.toISOString() });
      const [stored, ...others] = slack.messages(CHANNEL.id);
      expect(others).toEqual([]);
      expect(stored).toMatchObject({ ts: ref.ts, text: 'quarantined', source: 'api' });
      expect(stored?.history.map((v) => v.text)).toEqual(['review needed']);
      expect(slack.calls('chat.postMessage')[0]).toMatchObject({ token: BOT_TOKEN });
    });

    it('returns the channel id when posting to a channel by name', async () => {
      const ref = await botNotifier({ channel: `#${CHANNEL.name}` }).post(message('by name'));
      expect(ref.channel).toBe(CHANNEL.id);
    });

    it('sends an ephemeral reply with chat.postEphemeral', async () => {
      // Act
      await botNotifier().ephemeral({ channel: CHANNEL.id, user: USER.id }, 'You are not an approver.');

      // Assess
      expect(slack.ephemerals({ user: USER.id })).toEqual([
        expect.objectContaining({ channel: CHANNEL.id, text: 'You are not an approver.' }),
      ]);
    });

    it('updates through the response_url of a click while it is fresh', async () => {
      // Prepare
      const bot = botNotifier();
      const ref = await bot.post(withButton('review needed'));
      const click = clickFor(String(ref.ts));

      // Act
      await bot.update({ ...ref, responseUrl: click.responseUrl }, message('in progress'));

      // Assess
      expect(slack.calls('response_url')).toHaveLength(1);
      expect(slack.calls('chat.update')).toEqual([]);
      expect(slack.messages(CHANNEL.id)[0]?.text).toBe('in progress');
    });

    it('falls back to chat.update when the response_url has expired (an approval 45 minutes later)', async () => {
      // Prepare
      const bot = botNotifier();
      const ref = await bot.post(withButton('review needed'));
      const click = clickFor(String(ref.ts));
      slack.expireResponseUrls();

      // Act
      await bot.update({ ...ref, responseUrl: click.responseUrl }, message('approved 45 minutes later'));

      // Assess
      expect(slack.calls('response_url')).toHaveLength(1);
      expect(slack.calls('chat.update')).toHaveLength(1);
      expect(slack.messages(CHANNEL.id)[0]?.text).toBe('approved 45 minutes later');
      expect(log.text()).toContain('response_url failed');
      expect(log.text()).not.toContain(click.responseUrl);
    });

    it('skips a response_url it knows to be 30 minutes old', async () => {
      // Prepare
      const bot = botNotifier();
      const ref = await bot.post(withButton('review needed'));
      const click = clickFor(String(ref.ts));
      const receivedAt = new Date(NOW.getTime() - 30 * 60 * 1000).toISOString();

      // Act
      await bot.update(
        { ...ref, responseUrl: click.responseUrl, responseUrlReceivedAt: receivedAt },
        message('updated without trying the expired URL'),
      );

      // Assess
      expect(slack.calls('response_url')).toEqual([]);
      expect(slack.messages(CHANNEL.id)[0]?.text).toBe('updated without trying the expired URL');
    });

    it('retries a 500 twice and then succeeds', async () => {
      // Prepare
      slack.failNext('chat.postMessage', { status: 500 }, 2);

      // Act
      const ref = await botNotifier().post(message('after two 500s'));

      // Assess
      expect(ref.ts).toEqual(expect.any(String));
      expect(slack.calls('chat.postMessage').map((c) => c.faulted)).toEqual([true, true, false]);
      expect(slack.messages(CHANNEL.id)).toHaveLength(1);
    });

    it('waits out a 429 with Retry-After and retries', async () => {
      // Prepare
      slack.failNext('chat.update', { status: 429, retryAfter: 1 });
      const bot = botNotifier();
      const ref = await bot.post(message('before'));

      // Act
      await bot.update(ref, message('after the rate limit'));

      // Assess
      expect(slack.calls('chat.update').map((c) => c.faulted)).toEqual([true, false]);
      expect(slack.messages(CHANNEL.id)[0]?.text).toBe('after the rate limit');
    });

    it('does not retry a Slack error answer, and names it', async () => {
      // Prepare
      slack.failNext('chat.postMessage', { error: 'channel_not_found' });

      // Act & Assess
      await expect(botNotifier().post(message('x'))).rejects.toMatchObject({
        code: 'SLACK_FAILED',
        message: 'Slack chat.postMessage failed: channel_not_found',
      });
      expect(slack.calls('chat.postMessage')).toHaveLength(1);
    });

    it('throws SLACK_FAILED without the token when Slack stays down', async () => {
      // Prepare
      slack.failNext('chat.postMessage', { network: true }, 3);

      // Act
      const error = await botNotifier()
        .post(message('x'))
        .catch((err: unknown) => err);

      // Assess
      expect(error).toMatchObject({
        code: 'SLACK_FAILED',
        message: expect.stringMatching(/^Slack chat\.postMessage failed: network error/),
      });
      expect(slack.calls('chat.postMessage')).toHaveLength(3);
      expect(String((error as Error).message)).not.toContain(BOT_TOKEN);
      expect(log.text()).not.toContain(BOT_TOKEN);
    });
  });

  describe('webhook mode', () => {
    it('posts to the incoming webhook and updates through the response_url of a click', async () => {
      // Prepare
      const hooks = notifier({ webhookUrl: slack.createWebhook(CHANNEL.id), channel: CHANNEL.id });

      // Act
      const posted = await hooks.post(withButton('review needed'));
      const stored = slack.messages(CHANNEL.id)[0];
      const click = clickFor(String(stored?.ts));
      await hooks.update({ ...posted, responseUrl: click.responseUrl }, message('quarantined'));

      // Assess
      expect(posted).toEqual({ channel: CHANNEL.id, postedAt: NOW.toISOString() });
      expect(stored).toMatchObject({ source: 'webhook' });
      expect(slack.calls('response_url')[0]?.args).toMatchObject({ replace_original: true, text: 'quarantined' });
      expect(slack.messages(CHANNEL.id)).toEqual([expect.objectContaining({ ts: stored?.ts, text: 'quarantined' })]);
    });

    it('answers a click ephemerally through its response_url when there is no bot token', async () => {
      // Prepare
      const hooks = notifier({ webhookUrl: slack.createWebhook(CHANNEL.id) });
      await hooks.post(withButton('review needed'));
      const click = clickFor(String(slack.messages(CHANNEL.id)[0]?.ts));

      // Act
      await hooks.ephemeral(
        { channel: CHANNEL.id, user: USER.id, responseUrl: click.responseUrl },
        'Not yours to click.',
      );

      // Assess
      expect(slack.calls('response_url')[0]?.args).toMatchObject({
        response_type: 'ephemeral',
        replace_original: false,
      });
      expect(slack.ephemerals({ user: USER.id })).toEqual([expect.objectContaining({ text: 'Not yours to click.' })]);
      expect(slack.messages(CHANNEL.id)[0]?.text).toBe('review needed');
    });

    it('fails with SLACK_FAILED when the response_url has expired and there is no bot token', async () => {
      // Prepare
      const hooks = notifier({ webhookUrl: slack.createWebhook(CHANNEL.id) });
      await hooks.post(withButton('review needed'));
      const click = clickFor(String(slack.messages(CHANNEL.id)[0]?.ts));
      slack.expireResponseUrls();

      // Act & Assess
      await expect(
        hooks.update({ channel: '', responseUrl: click.responseUrl, postedAt: NOW.toISOString() }, message('late')),
      ).rejects.toMatchObject({ code: 'SLACK_FAILED', message: 'Slack response_url failed: HTTP 404 (expired_url)' });
    });

    it('retries a webhook 500 twice and a 429, then succeeds', async () => {
      // Prepare
      const webhookUrl = slack.createWebhook(CHANNEL.id);
      slack.failNext('webhook', { status: 500 }, 2);

      // Act
      await notifier({ webhookUrl }).post(message('after two 500s'));
      slack.failNext('webhook', { status: 429, retryAfter: 0 });
      await notifier({ webhookUrl }).post(message('after a 429'));

      // Assess
      expect(slack.calls('webhook').map((c) => c.faulted)).toEqual([true, true, false, true, false]);
      expect(slack.messages(CHANNEL.id).map((m) => m.text)).toEqual(['after two 500s', 'after a 429']);
    });

    it('throws SLACK_FAILED without the webhook URL when Slack stays down', async () => {
      // Prepare
      const webhookUrl = slack.createWebhook(CHANNEL.id);
      const secretPath = new URL(webhookUrl).pathname;
      slack.failNext('webhook', { status: 503 }, 3);

      // Act
      const down = await notifier({ webhookUrl })
        .post(message('x'))
        .catch((err: unknown) => err);
      slack.failNext('webhook', { network: true }, 3);
      const unreachable = await notifier({ webhookUrl })
        .post(message('x'))
        .catch((err: unknown) => err);

      // Assess
      expect(down).toMatchObject({
        code: 'SLACK_FAILED',
        message: 'Slack incoming webhook failed: HTTP 503 after 3 attempts',
      });
      expect(unreachable).toMatchObject({
        code: 'SLACK_FAILED',
        message: expect.stringMatching(/^Slack incoming webhook failed: network error.* after 3 attempts$/),
      });
      for (const err of [down, unreachable]) {
        expect(String((err as Error).message)).not.toContain(secretPath);
        expect((err as Error).cause).toBeUndefined();
      }
      expect(log.text()).not.toContain(secretPath);
    });

    it('does not retry a webhook that Slack refuses', async () => {
      // Prepare
      const webhookUrl = `${slack.url}/webhook/T0/B0/unknown`;

      // Act & Assess
      await expect(notifier({ webhookUrl }).post(message('x'))).rejects.toMatchObject({
        code: 'SLACK_FAILED',
        message: expect.stringMatching(/^Slack incoming webhook failed: HTTP 4\d\d/),
      });
      expect(slack.calls('webhook')).toHaveLength(1);
    });
  });
});
