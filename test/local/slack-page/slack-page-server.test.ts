import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { parseInteraction } from '../../../core/slack/parse-interaction';
import { buildReasonModal } from '../../../core/slack/reason-modal';
import { verifySlackRequest } from '../../../core/slack/verify-request';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { type SlackPage, startSlackPage } from '../../../local/slack-page/SlackPageServer';

const SIGNING_SECRET = 'page-test-signing-secret';
const CHANNEL = 'C0FINDINGS1';

type SseEvent = { event: string; data: Record<string, unknown> };

/** Reads a Server-Sent Events stream one event at a time. */
function openEvents(url: string) {
  const aborter = new AbortController();
  const queue: SseEvent[] = [];
  const waiters: ((event: SseEvent) => void)[] = [];
  const push = (event: SseEvent) => {
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else queue.push(event);
  };
  const done = (async () => {
    const response = await fetch(url, { signal: aborter.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
        push({ event: field('event'), data: JSON.parse(field('data')) as Record<string, unknown> });
      }
    }
  })().catch(() => undefined);
  return {
    next: (): Promise<SseEvent> => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
    },
    close: async () => {
      aborter.abort();
      await done;
    },
  };
}

describe('The local Slack channel page', () => {
  const slack = new SlackStandIn({ signingSecret: SIGNING_SECRET });
  const received: { rawBody: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const interactivity: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end('');
    });
  });
  let page: SlackPage;
  let web: WebClient;

  beforeAll(async () => {
    await slack.start();
    await new Promise<void>((resolve) => interactivity.listen(0, '127.0.0.1', resolve));
    slack.setInteractivityUrl(`http://127.0.0.1:${(interactivity.address() as AddressInfo).port}/slack/actions`);
    slack.addChannel('elsewhere', { id: 'C0ELSEWHERE' });
    page = await startSlackPage({ slack, channel: CHANNEL });
    web = new WebClient(SLACK_DEFAULTS.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await page.stop();
    await slack.stop();
    await new Promise((resolve) => interactivity.close(resolve));
  });
  beforeEach(() => {
    slack.reset();
    received.length = 0;
  });

  const reviewBlocks = (value: string) => [
    { type: 'section', text: { type: 'mrkdwn', text: `*Review* \`${value}\`` } },
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: 'remediate', value, text: { type: 'plain_text', text: 'Remediate' } }],
    },
  ];

  it('serves the channel with its messages, the user switcher, its own script and styles, and a strict CSP', async () => {
    // Prepare
    await web.chat.postMessage({ channel: CHANNEL, text: 'hello <@U0BOB00001>' });

    // Act
    const response = await fetch(page.url);
    const html = await response.text();
    const script = await fetch(`${page.url}/channel.js`);
    const styles = await fetch(`${page.url}/channel.css`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<h1># macie-findings</h1>');
    expect(html).toContain('<option value="U0ALICE001">alice (Alice Approver)</option>');
    expect(html).toContain('hello <span class="mention">@bob</span>');
    expect(html).not.toMatch(/<script>|<style>| on\w+=/);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect([styles.status, styles.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await fetch(`${page.url}/nothing`)).status).toBe(404);
  });

  it('streams a snapshot, then posts, updates, deletions and ephemerals of its channel only', async () => {
    // Prepare
    const first = await web.chat.postMessage({ channel: CHANNEL, text: 'before connecting' });
    const events = openEvents(`${page.url}/events`);

    try {
      // Act & Assess
      const snapshot = await events.next();
      expect(snapshot.event).toBe('snapshot');
      expect(String(snapshot.data.html)).toContain('before connecting');

      await web.chat.postMessage({ channel: 'C0ELSEWHERE', text: 'not here' });
      const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'review', blocks: reviewBlocks('f-1') });
      const post = await events.next();
      expect(post).toMatchObject({ event: 'post', data: { ts: posted.ts } });
      expect(post.data.html).toContain('data-action-id="remediate"');

      await web.chat.update({ channel: CHANNEL, ts: String(posted.ts), text: 'Quarantined', blocks: [] });
      const update = await events.next();
      expect(update).toMatchObject({ event: 'update', data: { ts: posted.ts } });
      expect(update.data.html).toContain('(edited)');

      await web.chat.postEphemeral({ channel: CHANNEL, user: 'U0BOB00001', text: 'only bob' });
      expect(await events.next()).toMatchObject({ event: 'ephemeral', data: { user: 'U0BOB00001' } });

      // The stand-in has no chat.delete: delete in its workspace, as an admin would.
      const stored = slack.messages(CHANNEL).find((m) => m.ts === first.ts);
      if (stored) slack.workspace.delete(stored);
      expect(await events.next()).toEqual({ event: 'delete', data: { ts: first.ts } });
    } finally {
      await events.close();
    }
  });

  it('turns a click on the page into the signed request Slack sends, as the chosen user', async () => {
    // Prepare
    const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'review', blocks: reviewBlocks('f-2') });

    // Act
    const response = await fetch(`${page.url}/click`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: page.url },
      body: JSON.stringify({ ts: posted.ts, actionId: 'remediate', value: 'f-2', userId: 'U0BOB00001' }),
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 200, body: '' });
    const [request] = received;
    if (!request) throw new Error('no interactivity request arrived');
    expect(() =>
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        rawBody: request.rawBody,
        headers: request.headers,
        nowMs: Date.now(),
      }),
    ).not.toThrow();
    expect(parseInteraction(request.rawBody)).toMatchObject({
      actionId: 'remediate',
      value: 'f-2',
      userId: 'U0BOB00001',
      channelId: CHANNEL,
      messageTs: posted.ts,
    });
  });

  it.each([
    ['from another origin', { origin: 'http://evil.test' }, {}, 403],
    ['without an origin', { origin: undefined }, {}, 403],
    ['as a form post', { 'content-type': 'application/x-www-form-urlencoded' }, {}, 403],
    ['as a user the workspace does not have', {}, { userId: 'U0NOBODY1' }, 400],
    ['on a message that does not exist', {}, { ts: '1.000001' }, 404],
  ])('refuses a click %s', async (_name, headerChanges: Record<string, string | undefined>, override, status) => {
    // Prepare
    const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'review', blocks: reviewBlocks('f-3') });
    const click = { ts: posted.ts, actionId: 'remediate', value: 'f-3', userId: 'U0ALICE001', ...override };

    // Act
    const response = await fetch(`${page.url}/click`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries({ 'content-type': 'application/json', origin: page.url, ...headerChanges }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
      body: JSON.stringify(click),
    });

    // Assess
    expect(response.status).toBe(status);
    expect(received).toEqual([]);
  });

  /** A reason modal open for alice, as the app opens one with her click's trigger_id. */
  const openModal = async (): Promise<string> => {
    const context = { actionId: 'dismiss', value: 'f-4', channelId: CHANNEL, messageTs: '1.000001' };
    const trigger_id = slack.views.issueTrigger('U0ALICE001');
    const opened = await web.views.open({ trigger_id, view: buildReasonModal('dismiss', context) as never });
    return opened.view?.id ?? '';
  };
  const postJson = (path: string, body: object, origin = page.url) =>
    fetch(`${page.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });

  it('submits a modal as the signed view_submission Slack sends, and only from the page itself', async () => {
    // Prepare
    const viewId = await openModal();
    const submission = { viewId, values: { reason_text: 'test data only' } };

    // Act
    const elsewhere = await postJson('/submit', submission, 'http://evil.test');
    const response = await postJson('/submit', submission);

    // Assess
    expect(elsewhere.status).toBe(403);
    expect(await response.json()).toEqual({ closed: true });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(() =>
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        rawBody: request?.rawBody ?? '',
        headers: request?.headers ?? {},
        nowMs: Date.now(),
      }),
    ).not.toThrow();
    expect(parseInteraction(request?.rawBody ?? '')).toMatchObject({
      type: 'view_submission',
      userId: 'U0ALICE001',
      value: 'f-4',
      reason: 'test data only',
    });
    expect(slack.views.opened()).toEqual([]);
  });

  it('forgets a modal cancelled on the page, and sends nothing', async () => {
    // Prepare
    const viewId = await openModal();

    // Act
    const response = await postJson('/close', { viewId });

    // Assess
    expect(response.status).toBe(200);
    expect(slack.views.opened()).toEqual([]);
    expect(received).toEqual([]);
  });
});
