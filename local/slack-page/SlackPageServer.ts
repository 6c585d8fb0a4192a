import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { sendJson, sendText } from '../http/reply';
import type { SlackStandIn } from '../slack/SlackStandIn';
import type { SlackChannel, StoredEphemeral, StoredMessage } from '../slack/types';
import { pageHtml } from './page-html';
import { renderEphemeral, renderMessage } from './render-message';

interface SlackPageOptions {
  readonly slack: SlackStandIn;
  /** The channel shown (id or name). @default the stand-in's first channel */
  readonly channel?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

interface SlackPage {
  /** `http://127.0.0.1:PORT`: open it in a browser. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The page loads nothing from elsewhere and runs no inline script: rendered text can never become code. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const ASSETS: Readonly<Record<string, string>> = {
  '/channel.js': 'text/javascript; charset=utf-8',
  '/channel.css': 'text/css; charset=utf-8',
};

type Entry = { readonly ts: string; readonly html: string };

class PageRoutes {
  private readonly assets = new Map(
    Object.keys(ASSETS).map((path) => [path, readFileSync(join(__dirname, 'assets', path.slice(1)), 'utf8')]),
  );

  constructor(
    private readonly slack: SlackStandIn,
    private readonly channel: SlackChannel,
    private readonly origin: () => string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const route = `${req.method} ${path}`;
    if (route === 'GET /') return this.send(res, 'text/html; charset=utf-8', this.page());
    const asset = this.assets.get(path);
    const type = ASSETS[path];
    if (req.method === 'GET' && asset !== undefined && type) return this.send(res, type, asset);
    if (route === 'GET /events') return this.events(req, res);
    if (route === 'POST /click') return this.click(req, res);
    sendText(res, 404, 'not found');
  }

  private send(res: ServerResponse, type: string, body: string): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  }

  private entries(): Entry[] {
    const workspace = this.slack.workspace;
    const messages = this.slack.messages(this.channel.id).map((m) => ({ ts: m.ts, html: renderMessage(workspace, m) }));
    const ephemerals = this.slack
      .ephemerals({ channel: this.channel.id })
      .map((e) => ({ ts: e.ts, html: renderEphemeral(workspace, e) }));
    return [...messages, ...ephemerals].sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  private page(): string {
    const { workspace } = this.slack;
    const messagesHtml = this.entries()
      .map((entry) => entry.html)
      .join('');
    return pageHtml({ team: workspace.team, channel: this.channel, users: workspace.users, messagesHtml });
  }

  /** Server-Sent Events: a snapshot first (nothing is missed between page load and connect), then each change. */
  private events(req: IncomingMessage, res: ServerResponse): void {
    const { workspace } = this.slack;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const send = (event: string, data: object) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const here = (item: { channel: string }) => item.channel === this.channel.id;
    const onPost = (m: StoredMessage) => here(m) && send('post', { ts: m.ts, html: renderMessage(workspace, m) });
    const onUpdate = (m: StoredMessage) => here(m) && send('update', { ts: m.ts, html: renderMessage(workspace, m) });
    const onDelete = (m: StoredMessage) => here(m) && send('delete', { ts: m.ts });
    const onEphemeral = (e: StoredEphemeral) =>
      here(e) && send('ephemeral', { ts: e.ts, user: e.user, html: renderEphemeral(workspace, e) });
    this.slack.on('message', onPost);
    this.slack.on('update', onUpdate);
    this.slack.on('delete', onDelete);
    this.slack.on('ephemeral', onEphemeral);
    req.on('close', () => {
      this.slack.off('message', onPost);
      this.slack.off('update', onUpdate);
      this.slack.off('delete', onDelete);
      this.slack.off('ephemeral', onEphemeral);
    });
    send('snapshot', { html: this.entries().map((entry) => entry.html) });
  }

  /**
   * A button click from the page, as the chosen user: the stand-in signs it and posts it to the interactivity
   * URL, exactly as Slack would. Only this page may ask (same origin, JSON), so no other site can click.
   */
  private async click(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.origin !== this.origin() || !req.headers['content-type']?.startsWith('application/json')) {
      return sendJson(res, 403, { error: 'clicks come from the page itself' });
    }
    const body = parseClick(await readBody(req, 16 * 1024));
    if (!body || !this.slack.workspace.user(body.userId)) return sendJson(res, 400, { error: 'bad click' });
    try {
      const click = await this.slack.clickButton({ ...body, channel: this.channel.id });
      sendJson(res, 200, { status: click.status, body: click.body });
    } catch (err) {
      sendJson(res, 404, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

interface PageClick {
  readonly ts: string;
  readonly actionId: string;
  /** Absent for a button without a value. */
  readonly value?: string;
  readonly userId: string;
}

function parseClick(text: string): PageClick | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { ts, actionId, value, userId } = (body ?? {}) as Record<string, unknown>;
  if (typeof ts !== 'string' || typeof actionId !== 'string' || typeof userId !== 'string') return undefined;
  return { ts, actionId, userId, ...(typeof value === 'string' && value !== '' ? { value } : {}) };
}

/** The local Slack channel in a browser: messages rendered from their Block Kit, updated live, clickable. */
async function startSlackPage(options: SlackPageOptions): Promise<SlackPage> {
  const { workspace } = options.slack;
  const channel = options.channel === undefined ? workspace.channels[0] : workspace.channel(options.channel);
  if (!channel) throw new Error(`Slack page: no channel ${options.channel ?? '(none configured)'}`);
  const routes = new PageRoutes(options.slack, channel, () => server.url);
  const server = new LocalHttpServer('Slack page', (req, res) => routes.handle(req, res));
  const url = await server.start(options.port ?? 0);
  return { url, stop: () => server.stop() };
}

export type { SlackPage, SlackPageOptions };
export { startSlackPage };
