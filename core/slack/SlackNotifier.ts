import type { FetchFunction, WebClient } from '@slack/web-api';
import { ConfigError, RemediateError } from '../errors';
import { silentLogger, systemClock } from '../logger';
import type { SlackMessageRef } from '../types/ledger';
import type { EphemeralTarget, Notifier, SlackMessage } from '../types/ports';
import type { Clock, Logger } from '../types/runtime';
import { callWebApi } from './call-web-api';
import { ChannelPacer, type ChannelPacerOptions } from './channel-pacer';
import { createWebClient } from './create-web-client';
import { SLACK_LIMITS, truncate } from './messages/text';
import { postJson } from './post-json';
import { DEFAULT_SLACK_RETRY, DEFAULT_SLACK_TIMEOUT_MS, type SlackRetryOptions } from './retry-options';
import { slackFailed } from './slack-failure';

interface SlackNotifierOptions {
  /** Bot-token mode (recommended): chat.postMessage / chat.update / chat.postEphemeral. */
  readonly botToken?: string;
  /** Webhook mode: posts to the incoming webhook, updates through response_url. The URL is a secret. */
  readonly webhookUrl?: string;
  /** Channel id (`C…`) or name; required for posting with a bot token. */
  readonly channel?: string;
  /** @default 'https://slack.com/api/' */
  readonly slackApiUrl?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** @default { retries: 3, minTimeoutMs: 500, maxTimeoutMs: 4000 } */
  readonly retry?: SlackRetryOptions;
  /** Used by the Web API client and the webhook/response_url POSTs alike. @default globalThis.fetch */
  readonly fetch?: FetchFunction;
  /** @default 10000 */
  readonly timeoutMs?: number;
  /**
   * Posts to one channel take turns this far apart (the composition root: Slack's 1/s for chat.postMessage).
   * Updates are not paced: chat.update has the ordinary per-method limit, and the review digest's updates
   * are spaced by its turn (core/remediation/announce-review.ts). @default unpaced
   */
  readonly pace?: ChannelPacerOptions;
}

/** Slack accepts a response_url for 30 minutes after the click. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** The Notifier port over Slack: bot token, incoming webhook, or both (webhook posts, bot-token fallback). */
class SlackNotifier implements Notifier {
  readonly #client?: WebClient;
  readonly #webhookUrl?: string;
  readonly #channel?: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #post: { fetch: FetchFunction; retry: SlackRetryOptions; timeoutMs: number };
  readonly #pacer?: ChannelPacer;

  constructor(options: SlackNotifierOptions) {
    const { botToken, webhookUrl, channel } = options;
    if (!botToken && !webhookUrl) {
      throw new ConfigError(['Slack: set a bot token or an incoming webhook URL in the Slack secret']);
    }
    if (botToken && !webhookUrl && !channel) {
      throw new ConfigError(['slackChannel: required to post with a bot token']);
    }
    if (webhookUrl && !URL.canParse(webhookUrl)) {
      // The value is a secret: name the setting, never echo it.
      throw new ConfigError(['Slack incoming webhook URL: not a valid URL']);
    }
    this.#webhookUrl = webhookUrl || undefined;
    this.#channel = channel || undefined;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    const retry = options.retry ?? DEFAULT_SLACK_RETRY;
    const timeoutMs = options.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS;
    this.#post = { fetch: options.fetch ?? globalThis.fetch, retry, timeoutMs };
    this.#pacer = options.pace ? new ChannelPacer(options.pace) : undefined;
    this.#client = botToken
      ? createWebClient({
          botToken,
          slackApiUrl: options.slackApiUrl,
          logger: this.#logger,
          retry,
          fetch: options.fetch,
          timeoutMs,
        })
      : undefined;
  }

  /** Bot mode when a bot token and a channel are set; otherwise the incoming webhook. */
  post(message: SlackMessage): Promise<SlackMessageRef> {
    const post = () => this.#postNow(message);
    return this.#pacer ? this.#pacer.paced(this.#channel ?? '', post) : post();
  }

  async #postNow(message: SlackMessage): Promise<SlackMessageRef> {
    const postedAt = () => this.#clock().toISOString();
    if (this.#client && this.#channel) {
      const result = await this.#call('chat.postMessage', { channel: this.#channel, ...payload(message) });
      const ts = typeof result.ts === 'string' ? result.ts : undefined;
      if (!ts) throw slackFailed('chat.postMessage', 'no message ts in the answer');
      // Slack answers with the channel id even when we posted to a #name: authorization compares ids.
      const channel = typeof result.channel === 'string' ? result.channel : this.#channel;
      this.#logger.debug('Slack message posted', { channel, ts });
      return { channel, ts, postedAt: postedAt() };
    }
    const webhookUrl = this.#webhookUrl;
    if (!webhookUrl) throw new RemediateError('SLACK_FAILED', 'Slack: no channel to post to with the bot token');
    await postJson(webhookUrl, payload(message), { ...this.#post, what: 'incoming webhook' });
    this.#logger.debug('Slack message posted through the incoming webhook');
    // An incoming webhook returns no ts: the ref is completed from the first click (channel id, ts, response_url).
    return { channel: this.#channel ?? '', postedAt: postedAt() };
  }

  /**
   * Through the response_url while it is fresh (it works for webhook-posted messages too); when it has
   * expired or fails, through chat.update with the bot token, if the ref has a ts.
   */
  async update(ref: SlackMessageRef, message: SlackMessage): Promise<void> {
    const canChatUpdate = Boolean(this.#client && ref.ts && ref.channel);
    if (ref.responseUrl && !this.#expired(ref)) {
      try {
        await postJson(
          ref.responseUrl,
          { replace_original: true, ...payload(message) },
          { ...this.#post, what: 'response_url' },
        );
        return;
      } catch (err) {
        if (!canChatUpdate) throw err;
        this.#logger.warn('Slack response_url failed; updating with chat.update', { reason: errorMessage(err) });
      }
    }
    if (canChatUpdate) {
      await this.#call('chat.update', { channel: ref.channel, ts: ref.ts, ...payload(message) });
      return;
    }
    throw new RemediateError(
      'SLACK_FAILED',
      ref.responseUrl
        ? 'Slack message not updated: its response_url has expired and there is no bot token (or message ts) to fall back on'
        : 'Slack message not updated: no message ts and no response_url',
    );
  }

  /** chat.postEphemeral with the bot token, else the interaction's response_url. */
  async ephemeral(target: EphemeralTarget, text: string): Promise<void> {
    const short = truncate(text, SLACK_LIMITS.messageText);
    if (this.#client) {
      await this.#call('chat.postEphemeral', { channel: target.channel, user: target.user, text: short });
      return;
    }
    if (!target.responseUrl) {
      throw new RemediateError('SLACK_FAILED', 'Slack ephemeral reply not sent: no bot token and no response_url');
    }
    await postJson(
      target.responseUrl,
      { response_type: 'ephemeral', replace_original: false, text: short },
      { ...this.#post, what: 'response_url' },
    );
  }

  #expired(ref: SlackMessageRef): boolean {
    const receivedAt = ref.responseUrlReceivedAt ? Date.parse(ref.responseUrlReceivedAt) : Number.NaN;
    return !Number.isNaN(receivedAt) && this.#clock().getTime() - receivedAt >= RESPONSE_URL_LIFETIME_MS;
  }

  #call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!this.#client) throw slackFailed(method, 'no bot token');
    return callWebApi(this.#client, method, args);
  }
}

/** text + blocks, with link unfurling off: a finding message should not preview anything. */
const payload = (message: SlackMessage) => ({
  text: message.text,
  blocks: message.blocks,
  unfurl_links: false,
  unfurl_media: false,
});

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : 'unknown error');

export type { SlackNotifierOptions };
export { RESPONSE_URL_LIFETIME_MS, SlackNotifier };
