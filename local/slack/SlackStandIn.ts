import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/types';
import { FaultQueue } from '../http/FaultQueue';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { dropConnection, sendJson, sendText } from '../http/reply';
import { API_METHODS, type TokenKind } from './api-methods';
import { buildSignedClick, type ClickOptions, type SignedClick } from './build-signed-click';
import { buildSignedSubmission, type SignedSubmission, type SubmitOptions } from './build-signed-submission';
import { postViaWebhook } from './incoming-webhook';
import { type ParsedCall, parseApiArgs } from './parse-api-args';
import { parseHookPayload } from './parse-hook-payload';
import { ResponseUrls } from './ResponseUrls';
import { postViaResponseUrl } from './response-url-post';
import { SlackApiError } from './SlackApiError';
import { type SlackApp, SlackApps } from './SlackApps';
import { type OpenedView, SlackViews } from './SlackViews';
import { type BotIdentity, SlackWorkspace, type WorkspaceEvents } from './SlackWorkspace';
import { SLACK_DEFAULTS } from './slack-defaults';
import { randomHex, slackId } from './slack-ids';
import type {
  SlackCall,
  SlackChannel,
  SlackFault,
  SlackTeam,
  SlackUser,
  SlackUsergroup,
  StoredEphemeral,
  StoredMessage,
} from './types';

interface SlackStandInOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  readonly team?: SlackTeam;
  readonly bot?: BotIdentity;
  /** Bot tokens the Web API accepts (apps installed through the stand-in add theirs). */
  readonly botTokens?: readonly string[];
  /** App configuration tokens for `apps.manifest.*`. */
  readonly appConfigTokens?: readonly string[];
  /** Signs clicks until an app is created through `apps.manifest.create`, whose secret then signs them. */
  readonly signingSecret?: string;
  readonly verificationToken?: string;
  readonly appId?: string;
  readonly channels?: readonly SlackChannel[];
  readonly users?: readonly SlackUser[];
  readonly usergroups?: readonly SlackUsergroup[];
  /** Where clicks are posted; also set by a manifest's `settings.interactivity.request_url`. */
  readonly interactivityUrl?: string;
  /** Message timestamps, response URL expiry and click signatures follow it. @default () => new Date() */
  readonly clock?: Clock;
  /** Accept http:// loopback request URLs in manifests (Slack does not). @default true */
  readonly allowLoopbackHttp?: boolean;
}

interface ClickResult {
  readonly status: number;
  readonly body: string;
  readonly request: SignedClick;
}

interface SubmitResult {
  readonly status: number;
  readonly body: string;
  readonly request: SignedSubmission;
  /** False when the app answered `response_action: "errors"` (or failed): the modal stays open. */
  readonly closed: boolean;
}

type SlackEvents = WorkspaceEvents & { call: [SlackCall]; view: [OpenedView] };

/**
 * A local Slack for `@slack/web-api` (`slackApiUrl: standIn.apiUrl`): the Web API methods macie-remediate
 * uses, incoming webhooks, response URLs, the App Manifest APIs, and signed button clicks posted to the
 * interactivity URL. Keeps the channel's messages and emits `message`, `update`, `delete`, `ephemeral` and
 * `call` events.
 */
class SlackStandIn extends EventEmitter<SlackEvents> {
  readonly workspace: SlackWorkspace;
  /** Trigger ids and the modals views.open opened (emits `view`). */
  readonly views: SlackViews;
  private readonly server = new LocalHttpServer('Slack stand-in', (req, res) => this.handle(req, res));
  private readonly faults = new FaultQueue<SlackFault>();
  private readonly callLog: SlackCall[] = [];
  private readonly responseUrls: ResponseUrls;
  private readonly apps: SlackApps;
  private readonly webhooks = new Map<string, string>();
  private readonly botTokens: Set<string>;
  private readonly configTokens: Set<string>;
  private readonly clock: Clock;
  private app: { id: string; signingSecret: string; verificationToken: string };
  private interactivity?: string;

  constructor(private readonly options: SlackStandInOptions = {}) {
    super();
    this.clock = options.clock ?? (() => new Date());
    this.workspace = new SlackWorkspace(
      options.team ?? SLACK_DEFAULTS.team,
      options.bot ?? SLACK_DEFAULTS.bot,
      options.users ?? SLACK_DEFAULTS.users,
      options.channels ?? SLACK_DEFAULTS.channels,
      options.usergroups ?? SLACK_DEFAULTS.usergroups,
      this.clock,
    );
    this.workspace.on('message', (message) => this.emit('message', message));
    this.workspace.on('update', (message) => this.emit('update', message));
    this.workspace.on('delete', (message) => this.emit('delete', message));
    this.workspace.on('ephemeral', (ephemeral) => this.emit('ephemeral', ephemeral));
    this.responseUrls = new ResponseUrls(this.clock);
    this.views = new SlackViews(this.clock, this.workspace.team.id, (view) => this.emit('view', view));
    this.apps = new SlackApps((app) => this.adopt(app));
    this.botTokens = new Set(options.botTokens ?? [SLACK_DEFAULTS.botToken]);
    this.configTokens = new Set(options.appConfigTokens ?? [SLACK_DEFAULTS.appConfigToken]);
    this.app = {
      id: options.appId ?? SLACK_DEFAULTS.appId,
      signingSecret: options.signingSecret ?? SLACK_DEFAULTS.signingSecret,
      verificationToken: options.verificationToken ?? SLACK_DEFAULTS.verificationToken,
    };
    this.interactivity = options.interactivityUrl;
  }

  /** Starts on 127.0.0.1; resolves to the base URL. */
  start(): Promise<string> {
    return this.server.start(this.options.port ?? 0);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  /** For `SLACK_API_URL` / the WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The secret clicks are signed with (the created app's once `apps.manifest.create` ran). */
  get signingSecret(): string {
    return this.app.signingSecret;
  }

  get interactivityUrl(): string | undefined {
    return this.interactivity;
  }

  setInteractivityUrl(url: string): void {
    this.interactivity = url;
  }

  /** Live messages of a channel (id, name or `#name`), oldest first; all channels when omitted. */
  messages(channel?: string): StoredMessage[] {
    return this.workspace.messages(channel);
  }

  ephemerals(filter: { channel?: string; user?: string } = {}): StoredEphemeral[] {
    return this.workspace.ephemerals(filter);
  }

  /** Every request received (Web API methods, `response_url`, `webhook`), in order. */
  calls(method?: string): SlackCall[] {
    return this.callLog.filter((call) => method === undefined || call.method === method);
  }

  /** Forgets messages, ephemerals, calls, pending faults and response URLs; keeps channels, apps and hooks. */
  reset(): void {
    this.workspace.clearMessages();
    this.callLog.length = 0;
    this.faults.clear();
    this.responseUrls.clear();
    this.views.clear();
  }

  /** The next `times` requests to `target` (a method, `response_url`, `webhook`, or `*`) fail this way. */
  failNext(target: string, fault: SlackFault, times = 1): void {
    this.faults.add(target, fault, times);
  }

  addChannel(name: string, options: { id?: string; isPrivate?: boolean; members?: string[] } = {}): SlackChannel {
    const channel = { id: options.id ?? slackId('C', 11), name, ...options };
    this.workspace.addChannel(channel);
    return channel;
  }

  /** A new incoming webhook URL that posts into `channel`. @default the first channel */
  createWebhook(channel?: string): string {
    const target = channel === undefined ? this.workspace.channels[0] : this.workspace.channel(channel);
    if (!target) throw new Error(`Slack stand-in: no channel ${channel}`);
    const id = `${this.workspace.team.id}/${slackId('B', 11)}/${randomHex(12)}`;
    this.webhooks.set(id, target.id);
    return `${this.url}/webhook/${id}`;
  }

  /** Installs an app made through the manifest API; its bot token then works. */
  installApp(appId: string): string {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`Slack stand-in: no app ${appId}`);
    return this.apps.install(app);
  }

  /** Every response URL handed out so far answers `expired_url` from now on. */
  expireResponseUrls(): void {
    this.responseUrls.expireAll();
  }

  /** Builds and signs the request Slack sends when a user clicks a button of a message, without sending it. */
  buildClick(options: ClickOptions): SignedClick {
    const context = {
      workspace: this.workspace,
      responseUrls: this.responseUrls,
      baseUrl: this.url,
      interactivityUrl: this.interactivity,
      app: this.app,
      clock: this.clock,
      triggers: this.views,
    };
    return buildSignedClick(context, options);
  }

  /** Builds and signs the `view_submission` Slack sends when a user submits an open modal, without sending it. */
  buildSubmission(options: SubmitOptions = {}): SignedSubmission {
    const { workspace, views, app, clock } = this;
    return buildSignedSubmission({ workspace, views, app, clock, interactivityUrl: this.interactivity }, options);
  }

  /** Submits an open modal as a user would; Slack closes it unless the app answers with errors. */
  async submitView(options: SubmitOptions = {}): Promise<SubmitResult> {
    const request = this.buildSubmission(options);
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const body = await response.text();
    const closed = response.status === 200 && !body.includes('"response_action":"errors"');
    if (closed) this.views.close(request.viewId);
    return { status: response.status, body, request, closed };
  }

  /** Clicks a button as a user would: posts the signed `block_actions` payload to the interactivity URL. */
  async clickButton(options: ClickOptions): Promise<ClickResult> {
    const request = this.buildClick(options);
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    return { status: response.status, body: await response.text(), request };
  }

  private adopt(app: SlackApp): void {
    this.app = {
      id: app.id,
      signingSecret: app.credentials.signing_secret,
      verificationToken: app.credentials.verification_token,
    };
    const settings = app.manifest.settings as { interactivity?: { request_url?: unknown } } | undefined;
    const requestUrl = settings?.interactivity?.request_url;
    if (typeof requestUrl === 'string') this.interactivity = requestUrl;
  }

  private record(call: SlackCall): void {
    this.callLog.push(call);
    this.emit('call', call);
  }

  /**
   * Answers with the next injected fault for `target`, if one is queued. An `error` fault is a Web API
   * `{ok: false}` (HTTP 200) for methods, and a 400 for webhooks and response URLs.
   */
  private injectFault(target: string, res: ServerResponse, errorStatus: 200 | 400): boolean {
    const fault = this.faults.take(target);
    if (!fault) return false;
    if ('network' in fault) dropConnection(res);
    else if ('error' in fault) sendJson(res, errorStatus, { ok: false, error: fault.error });
    else if (fault.status === 429) {
      const retryAfter = 'retryAfter' in fault ? (fault.retryAfter ?? 1) : 1;
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    } else sendText(res, fault.status, 'Internal Server Error');
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const [, route, ...rest] = url.pathname.split('/');
    const id = rest.join('/');
    if (route === 'api' && id !== '') return this.handleApi(id, body, contentType, url.searchParams, req, res);
    if (route === 'webhook' && req.method === 'POST') return this.handleWebhook(id, body, contentType, res);
    if (route === 'response' && req.method === 'POST') return this.handleResponseUrl(id, body, contentType, res);
    if (url.pathname === '/oauth/v2/authorize') return this.handleAuthorize(url.searchParams, res);
    sendText(res, 404, `Slack stand-in: nothing at ${req.method} ${url.pathname}`);
  }

  private handleApi(
    method: string,
    body: string,
    contentType: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    let call: ParsedCall | SlackApiError;
    try {
      call = parseApiArgs(body, contentType, query, req.headers.authorization);
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      call = err;
    }
    const faulted = this.injectFault(method, res, 200);
    const args = call instanceof SlackApiError ? { raw: body } : call.args;
    this.record({ method, args, token: call instanceof SlackApiError ? undefined : call.token, faulted });
    if (faulted) return;
    sendJson(res, 200, call instanceof SlackApiError ? call.toReply() : this.runMethod(method, call));
  }

  private runMethod(method: string, { args, token }: ParsedCall): object {
    try {
      const definition = API_METHODS[method];
      if (!definition) throw new SlackApiError('unknown_method', { req_method: method });
      this.checkToken(token, definition.token);
      const manifest = {
        apps: this.apps,
        teamId: this.workspace.team.id,
        rules: { allowLoopbackHttp: this.options.allowLoopbackHttp },
        baseUrl: this.url,
      };
      return definition.run({ workspace: this.workspace, manifest, views: this.views }, args);
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      return err.toReply();
    }
  }

  private checkToken(token: string | undefined, needed: TokenKind): void {
    if (!token) throw new SlackApiError('not_authed');
    const kind: TokenKind | undefined =
      this.botTokens.has(token) || this.apps.isInstalledToken(token)
        ? 'bot'
        : this.configTokens.has(token)
          ? 'config'
          : undefined;
    if (!kind) throw new SlackApiError('invalid_auth');
    if (kind !== needed) throw new SlackApiError('not_allowed_token_type');
  }

  private handleWebhook(id: string, body: string, contentType: string, res: ServerResponse): void {
    const payload = parseHookPayload(body, contentType);
    const faulted = this.injectFault('webhook', res, 400);
    this.record({ method: 'webhook', args: payload ?? { raw: body }, faulted });
    if (faulted) return;
    const channelId = this.webhooks.get(id);
    const reply = postViaWebhook(this.workspace, channelId ? this.workspace.channel(channelId) : undefined, payload);
    sendText(res, reply.status, reply.text);
  }

  private handleResponseUrl(id: string, body: string, contentType: string, res: ServerResponse): void {
    const payload = parseHookPayload(body, contentType);
    const faulted = this.injectFault('response_url', res, 400);
    this.record({ method: 'response_url', args: payload ?? { raw: body }, faulted });
    if (faulted) return;
    const redeemed = this.responseUrls.redeem(id);
    const reply = redeemed.ok
      ? postViaResponseUrl(this.workspace, redeemed.target, payload)
      : { status: 404, json: { ok: false, error: redeemed.error } };
    sendJson(res, reply.status, reply.json);
  }

  /** The `oauth_authorize_url` of a created app: installs it and shows the bot token, like finishing OAuth. */
  private handleAuthorize(query: URLSearchParams, res: ServerResponse): void {
    const app = this.apps.byClientId(query.get('client_id') ?? '');
    if (!app) {
      sendJson(res, 400, { ok: false, error: 'invalid_client_id' });
      return;
    }
    sendJson(res, 200, {
      ok: true,
      app_id: app.id,
      access_token: this.apps.install(app),
      token_type: 'bot',
      scope: query.get('scope') ?? '',
      bot_user_id: this.workspace.bot.userId,
      team: { id: this.workspace.team.id, name: this.workspace.team.name },
    });
  }
}

export type { ClickOptions, ClickResult, SignedClick, SlackEvents, SlackStandInOptions, SubmitOptions, SubmitResult };
export { SlackStandIn };
