import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { sendJson, sendText } from '../http/reply';
import type { SlackStandIn } from '../slack/SlackStandIn';
import type { SlackChannel, StoredEphemeral, StoredMessage } from '../slack/types';
import { pageHtml } from './page-html';
import { parseClick, parseSubmit, parseViewId, viewErrors } from './page-requests';
import { renderEphemeral, renderMessage } from './render-message';
import { renderView } from './render-view';

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
    if (req.method === 'POST' && !this.fromPage(req)) {
      return sendJson(res, 403, { error: 'requests come from the page itself' });
    }
    if (route === 'POST /click') return this.click(req, res);
    if (route === 'POST /submit') return this.submit(req, res);
    if (route === 'POST /close') return this.close(req, res);
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

  /** Only this page may post (same origin, JSON), so no other site can click or submit as anyone. */
  private fromPage(req: IncomingMessage): boolean {
    return req.headers.origin === this.origin() && !!req.headers['content-type']?.startsWith('application/json');
  }

  /**
   * A button click from the page, as the chosen user: the stand-in signs it and posts it to the interactivity
   * URL, exactly as Slack would. A modal the app opened with this click's trigger_id comes back to show.
   */
  private async click(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseClick(await readBody(req, 16 * 1024));
    if (!body || !this.slack.workspace.user(body.userId)) return sendJson(res, 400, { error: 'bad click' });
    try {
      const click = await this.slack.clickButton({ ...body, channel: this.channel.id });
      const opened = this.slack.views.opened().find((v) => v.triggerId === click.request.payload.trigger_id);
      const view = opened ? { view: renderView(opened, this.slack.workspace) } : {};
      sendJson(res, 200, { status: click.status, body: click.body, ...view });
    } catch (err) {
      sendJson(res, 404, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * A modal's Submit: the stand-in signs the view_submission (as the user it was opened for) and posts it to
   * the interactivity URL; the app's `errors` answer keeps the modal open with each message under its input.
   */
  private async submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseSubmit(await readBody(req, 16 * 1024));
    if (!body || !this.slack.views.get(body.viewId)) return sendJson(res, 400, { error: 'no such open modal' });
    try {
      const submitted = await this.slack.submitView(body);
      if (submitted.closed) return sendJson(res, 200, { closed: true });
      const errors = viewErrors(submitted.body);
      sendJson(res, 200, {
        closed: false,
        ...(errors ? { errors } : { status: submitted.status, body: submitted.body }),
      });
    } catch (err) {
      sendJson(res, 404, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Cancel or Escape: Slack forgets the modal (this app asks for no view_closed). */
  private async close(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const viewId = parseViewId(await readBody(req, 1024));
    if (viewId) this.slack.views.close(viewId);
    sendJson(res, 200, {});
  }
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
