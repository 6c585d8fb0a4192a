import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type AppsManifestCreateArguments, LogLevel, WebClient } from '@slack/web-api';
import { LocalHttpServer } from '../../../local/http/LocalHttpServer';
import { readBody } from '../../../local/http/read-body';
import { sendText } from '../../../local/http/reply';
import type { BlockActionsPayload } from '../../../local/slack/block-actions-payload';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const review = [
  { type: 'section', text: { type: 'mrkdwn', text: 'Finding f-1 + "quotes" & more' } },
  {
    type: 'actions',
    block_id: 'finding-actions',
    elements: [
      { type: 'button', text: { type: 'plain_text', text: 'Remediate' }, action_id: 'remediate', value: 'f-1' },
      { type: 'button', text: { type: 'plain_text', text: 'Dismiss' }, action_id: 'dismiss', value: 'f-1' },
    ],
  },
];

const parsePayload = (body: string): BlockActionsPayload =>
  JSON.parse(new URLSearchParams(body).get('payload') ?? '{}') as BlockActionsPayload;

describe('Class: SlackStandIn (interactivity, response URLs, webhooks, manifests)', () => {
  let now = new Date('2026-01-05T10:00:00.000Z');
  const slack = new SlackStandIn({ clock: () => now });
  const received: Received[] = [];
  const receiver = new LocalHttpServer('test receiver', async (req, res) => {
    received.push({ headers: req.headers, body: await readBody(req) });
    sendText(res, 200, '');
  });
  let bot: WebClient;
  let receiverUrl: string;

  const postReview = async () =>
    (await bot.chat.postMessage({ channel: 'C0FINDINGS1', text: 'Finding f-1', blocks: review })).ts ?? '';

  beforeAll(async () => {
    await slack.start();
    receiverUrl = `${await receiver.start()}/slack/actions`;
    bot = new WebClient(SLACK_DEFAULTS.botToken, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
  });

  afterAll(async () => {
    await slack.stop();
    await receiver.stop();
  });

  beforeEach(() => {
    slack.reset();
    received.length = 0;
    now = new Date('2026-01-05T10:00:00.000Z');
    slack.setInteractivityUrl(receiverUrl);
  });

  describe('Method: clickButton', () => {
    it('posts a block_actions payload signed like Slack, verifiable by recomputing the HMAC', async () => {
      // Prepare
      const ts = await postReview();

      // Act
      const result = await slack.clickButton({ ts, buttonText: 'Remediate', userId: 'U0ALICE001' });

      // Assess
      expect(result.status).toBe(200);
      const [request] = received;
      const timestamp = request?.headers['x-slack-request-timestamp'];
      expect(timestamp).toBe(String(now.getTime() / 1000));
      const expected = `v0=${createHmac('sha256', SLACK_DEFAULTS.signingSecret).update(`v0:${timestamp}:${request?.body}`).digest('hex')}`;
      expect(request?.headers['x-slack-signature']).toBe(expected);
      expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const payload = parsePayload(request?.body ?? '');
      expect(payload).toMatchObject({
        type: 'block_actions',
        user: { id: 'U0ALICE001', username: 'alice', name: 'alice', team_id: 'T0LOCAL001' },
        team: { id: 'T0LOCAL001', domain: 'local-workspace' },
        channel: { id: 'C0FINDINGS1', name: 'macie-findings' },
        container: { type: 'message', message_ts: ts, channel_id: 'C0FINDINGS1', is_ephemeral: false },
        api_app_id: SLACK_DEFAULTS.appId,
        token: SLACK_DEFAULTS.verificationToken,
        message: {
          ts,
          text: 'Finding f-1',
          blocks: [expect.any(Object), expect.objectContaining({ block_id: 'finding-actions' })],
        },
        actions: [
          {
            type: 'button',
            action_id: 'remediate',
            block_id: 'finding-actions',
            value: 'f-1',
            text: { type: 'plain_text', text: 'Remediate' },
            action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
          },
        ],
      });
      expect(payload.trigger_id).toEqual(expect.any(String));
      expect(payload.response_url).toBe(result.request.responseUrl);
      expect(payload.response_url.startsWith(`${slack.url}/response/`)).toBe(true);
    });

    it('signs with an overridden timestamp or secret, for replay and forgery tests', async () => {
      // Prepare
      const ts = await postReview();
      const sign = (secret: string, t: string, body: string) =>
        `v0=${createHmac('sha256', secret).update(`v0:${t}:${body}`).digest('hex')}`;

      // Act
      const old = slack.buildClick({ ts, actionId: 'dismiss', timestamp: 1_000_000_000 });
      const forged = slack.buildClick({ ts, actionId: 'dismiss', signingSecret: 'not-the-secret' });

      // Assess
      expect(old.headers['x-slack-request-timestamp']).toBe('1000000000');
      expect(old.headers['x-slack-signature']).toBe(sign(SLACK_DEFAULTS.signingSecret, '1000000000', old.body));
      const forgedTs = forged.headers['x-slack-request-timestamp'] ?? '';
      expect(forged.headers['x-slack-signature']).toBe(sign('not-the-secret', forgedTs, forged.body));
      expect(forged.headers['x-slack-signature']).not.toBe(sign(SLACK_DEFAULTS.signingSecret, forgedTs, forged.body));
      expect(forged.payload.actions[0]).toMatchObject({ action_id: 'dismiss' });
    });

    it('explains which buttons exist when the requested one does not', async () => {
      // Prepare
      const ts = await postReview();

      // Act / Assess
      expect(() => slack.buildClick({ ts, buttonText: 'Restore' })).toThrow(/"Remediate" \(action_id remediate/);
      expect(() => slack.buildClick({ ts: '1.000000' })).toThrow(/no message with ts/);
    });
  });

  describe('Response URLs', () => {
    it('replaces the message, posts ephemerals, and stops after 5 uses', async () => {
      // Prepare
      const ts = await postReview();
      const { request } = await slack.clickButton({ ts, actionId: 'remediate', userId: 'U0ALICE001' });
      const respond = (body: object) =>
        fetch(request.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });

      // Act
      const replaced = await respond({
        replace_original: true,
        text: 'Quarantined',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Done' } }],
      });
      const ephemeral = await respond({ response_type: 'ephemeral', text: 'Only you can see this' });
      await respond({ replace_original: true, text: 'third' });
      await respond({ replace_original: true, text: 'fourth' });
      await respond({ replace_original: true, text: 'fifth' });
      const sixth = await respond({ replace_original: true, text: 'sixth' });

      // Assess
      expect(replaced.status).toBe(200);
      expect(await replaced.json()).toEqual({ ok: true });
      expect(ephemeral.status).toBe(200);
      expect(slack.ephemerals({ user: 'U0ALICE001' })).toMatchObject([
        { text: 'Only you can see this', source: 'response_url' },
      ]);
      expect(sixth.status).toBe(404);
      expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
      const [message] = slack.messages('C0FINDINGS1');
      expect(message?.text).toBe('fifth');
      expect(message?.blocks).toEqual([]);
      expect(message?.history.map((v) => v.text)).toEqual(['Finding f-1', 'Quarantined', 'third', 'fourth']);
    });

    it('expires after 30 minutes, so the caller must fall back to chat.update with the bot token', async () => {
      // Prepare
      const ts = await postReview();
      const { request } = await slack.clickButton({ ts, actionId: 'remediate' });
      now = new Date(now.getTime() + 30 * 60 * 1000 + 1);

      // Act
      const expired = await fetch(request.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: true, text: 'late' }),
      });
      const fallback = await bot.chat.update({ channel: 'C0FINDINGS1', ts, text: 'late but updated' });

      // Assess
      expect(expired.status).toBe(404);
      expect(await expired.json()).toEqual({ ok: false, error: 'expired_url' });
      expect(fallback.ok).toBe(true);
      expect(slack.messages()[0]?.text).toBe('late but updated');
    });

    it('can be expired on demand and fails on injected faults', async () => {
      // Prepare
      const ts = await postReview();
      const { request } = await slack.clickButton({ ts, actionId: 'dismiss' });
      slack.failNext('response_url', { status: 500 });
      const post = () => fetch(request.responseUrl, { method: 'POST', body: JSON.stringify({ text: 'x' }) });

      // Act
      const failed = await post();
      slack.expireResponseUrls();
      const expired = await post();

      // Assess
      expect(failed.status).toBe(500);
      expect(expired.status).toBe(404);
      expect(slack.calls('response_url').map((c) => c.faulted)).toEqual([true, false]);
    });
  });

  describe('Incoming webhooks', () => {
    it('posts into the bound channel and answers ok as text, or Slack errors', async () => {
      // Prepare
      const hook = slack.createWebhook('#macie-findings');
      const post = (body: string, contentType = 'application/json') =>
        fetch(hook, { method: 'POST', headers: { 'content-type': contentType }, body });

      // Act
      const ok = await post(JSON.stringify({ text: 'Finding f-2', blocks: review }));
      const form = await post(
        new URLSearchParams({ payload: JSON.stringify({ text: 'as form' }) }).toString(),
        'application/x-www-form-urlencoded',
      );
      const noText = await post(JSON.stringify({ username: 'x' }));
      const invalid = await post('{not json');
      const unknown = await fetch(`${slack.url}/webhook/T0/B0/nope`, { method: 'POST', body: '{"text":"x"}' });

      // Assess
      expect([ok.status, await ok.text(), ok.headers.get('content-type')]).toEqual([
        200,
        'ok',
        'text/plain; charset=utf-8',
      ]);
      expect(form.status).toBe(200);
      expect([noText.status, await noText.text()]).toEqual([400, 'no_text']);
      expect([invalid.status, await invalid.text()]).toEqual([400, 'invalid_payload']);
      expect([unknown.status, await unknown.text()]).toEqual([404, 'no_service']);
      expect(slack.messages('macie-findings').map((m) => [m.text, m.source])).toEqual([
        ['Finding f-2', 'webhook'],
        ['as form', 'webhook'],
      ]);
    });

    it('lets a webhook message be clicked and updated through its response URL', async () => {
      // Prepare
      await fetch(slack.createWebhook(), { method: 'POST', body: JSON.stringify({ text: 'review', blocks: review }) });
      const ts = slack.messages()[0]?.ts ?? '';

      // Act
      const { request } = await slack.clickButton({ ts, buttonText: 'Dismiss' });
      await fetch(request.responseUrl, {
        method: 'POST',
        body: JSON.stringify({ replace_original: true, text: 'Dismissed' }),
      });

      // Assess
      expect(slack.messages()[0]?.text).toBe('Dismissed');
    });
  });

  describe('Methods: apps.manifest.*', () => {
    const config = () =>
      new WebClient(SLACK_DEFAULTS.appConfigToken, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      });
    const manifest = (requestUrl: string, name = 'Macie Remediate'): AppsManifestCreateArguments['manifest'] => ({
      display_information: { name, description: 'Quarantines S3 objects Macie flags' },
      features: { bot_user: { display_name: 'macie-remediate', always_online: true } },
      oauth_config: { scopes: { bot: ['chat:write', 'usergroups:read', 'users:read'] } },
      settings: { interactivity: { is_enabled: true, request_url: requestUrl } },
    });

    it('creates, validates, updates, exports and deletes an app; clicks then go to its request URL, signed with its secret', async () => {
      // Prepare
      const client = config();

      // Act
      const created = await client.apps.manifest.create({ manifest: manifest(receiverUrl) });
      const appId = created.app_id ?? '';
      const validated = await client.apps.manifest.validate({ manifest: manifest(receiverUrl) });
      const ts = await postReview();
      await slack.clickButton({ ts, actionId: 'remediate' });
      const updated = await client.apps.manifest.update({
        app_id: appId,
        manifest: { ...manifest(receiverUrl, 'Macie Remediate 2'), oauth_config: { scopes: { bot: ['chat:write'] } } },
      });
      const exported = await client.apps.manifest.export({ app_id: appId });
      const deleted = await client.apps.manifest.delete({ app_id: appId });

      // Assess
      expect(created).toMatchObject({
        ok: true,
        app_id: expect.stringMatching(/^A[A-Z0-9]+$/),
        credentials: {
          client_id: expect.any(String),
          client_secret: expect.any(String),
          verification_token: expect.any(String),
          signing_secret: expect.any(String),
        },
        oauth_authorize_url: expect.stringContaining('scope=chat:write,usergroups:read,users:read'),
      });
      expect(validated.ok).toBe(true);
      const signingSecret = created.credentials?.signing_secret ?? '';
      expect(slack.signingSecret).toBe(signingSecret);
      const [click] = received;
      const t = click?.headers['x-slack-request-timestamp'];
      expect(click?.headers['x-slack-signature']).toBe(
        `v0=${createHmac('sha256', signingSecret).update(`v0:${t}:${click?.body}`).digest('hex')}`,
      );
      expect(parsePayload(click?.body ?? '').api_app_id).toBe(appId);
      expect(updated).toMatchObject({ ok: true, app_id: appId, permissions_updated: true });
      expect(exported.manifest?.display_information?.name).toBe('Macie Remediate 2');
      expect(deleted.ok).toBe(true);
      await expect(client.apps.manifest.export({ app_id: appId })).rejects.toMatchObject({
        data: { error: 'invalid_app_id' },
      });
    });

    it('answers invalid_manifest with every problem and its JSON pointer', async () => {
      // Prepare
      const bad = {
        display_information: { name: 'A name that is far too long for a Slack app, really' },
        oauth_config: { scopes: { bot: ['chat:write', 'chat:telepathy'] } },
        settings: { interactivity: { is_enabled: true, request_url: 'http://example.com/slack/actions' } },
        unexpected: true,
      };

      // Act
      const call = config().apps.manifest.validate({ manifest: bad as never });

      // Assess
      await expect(call).rejects.toMatchObject({
        data: {
          ok: false,
          error: 'invalid_manifest',
          errors: [
            { message: 'must NOT have additional properties', pointer: '/unexpected' },
            { message: 'must NOT have more than 35 characters', pointer: '/display_information/name' },
            { message: 'Invalid scope: chat:telepathy', pointer: '/oauth_config/scopes/bot/1' },
            { message: 'A bot user is required to request bot scopes', pointer: '/features/bot_user' },
            { message: 'must be a valid HTTPS URL', pointer: '/settings/interactivity/request_url' },
          ],
        },
      });
    });

    it('accepts http://127.0.0.1 request URLs unless told to be as strict as Slack', async () => {
      // Prepare
      const strict = new SlackStandIn({ allowLoopbackHttp: false });
      const strictClient = new WebClient(SLACK_DEFAULTS.appConfigToken, {
        slackApiUrl: `${await strict.start()}/api/`,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      });

      // Act
      const lenient = await config().apps.manifest.validate({
        manifest: manifest('http://127.0.0.1:3000/slack/actions'),
      });
      const refused = strictClient.apps.manifest.validate({
        manifest: manifest('http://127.0.0.1:3000/slack/actions'),
      });

      // Assess
      expect(lenient.ok).toBe(true);
      await expect(refused).rejects.toMatchObject({ data: { error: 'invalid_manifest' } });
      await strict.stop();
    });

    it('installs a created app through its oauth_authorize_url, whose bot token then works', async () => {
      // Prepare
      const created = await config().apps.manifest.create({ manifest: manifest(receiverUrl) });

      // Act
      const install = (await (await fetch(created.oauth_authorize_url ?? '')).json()) as { access_token: string };
      const auth = await new WebClient(install.access_token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      }).auth.test();

      // Assess
      expect(install.access_token).toMatch(/^xoxb-/);
      expect(auth.ok).toBe(true);
    });
  });
});
