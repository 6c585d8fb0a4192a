/** A Block Kit block as JSON. */
type SlackBlock = Readonly<Record<string, unknown>>;

/** Arguments of a Web API call, from a form or JSON body (JSON-valued fields such as `blocks` parsed). */
type ApiArgs = Readonly<Record<string, unknown>>;

/** A Web API answer: always HTTP 200, `ok` says whether it worked. */
type ApiReply = { readonly ok: boolean } & Readonly<Record<string, unknown>>;

interface SlackTeam {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
}

interface SlackUser {
  readonly id: string;
  readonly name: string;
  readonly realName?: string;
  readonly isBot?: boolean;
}

interface SlackChannel {
  readonly id: string;
  readonly name: string;
  readonly isPrivate?: boolean;
  /** User ids in the channel. @default every configured user */
  readonly members?: readonly string[];
}

interface SlackUsergroup {
  readonly id: string;
  readonly handle: string;
  readonly users: readonly string[];
}

/** How a message got into the channel. */
type MessageSource = 'api' | 'webhook' | 'response_url';

interface MessageVersion {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  /** Slack ts of the edit that replaced this version. */
  readonly replacedAt: string;
}

interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  /** The posting user (the bot user for bot messages). */
  readonly user: string;
  readonly botId?: string;
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly threadTs?: string;
  readonly source: MessageSource;
  /** Earlier versions, oldest first. */
  readonly history: readonly MessageVersion[];
  readonly deleted: boolean;
}

interface StoredEphemeral {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly source: MessageSource;
}

/** One request the stand-in received: Web API method, `response_url` or `webhook`. */
interface SlackCall {
  readonly method: string;
  readonly args: ApiArgs;
  readonly token?: string;
  /** True when an injected fault answered it. */
  readonly faulted: boolean;
}

/** A failure to inject: an HTTP status, a 429 with Retry-After, a Slack error, or a dropped connection. */
type SlackFault =
  | { readonly status: 429; readonly retryAfter?: number }
  | { readonly status: number }
  | { readonly error: string }
  | { readonly network: true };

export type {
  ApiArgs,
  ApiReply,
  MessageSource,
  MessageVersion,
  SlackBlock,
  SlackCall,
  SlackChannel,
  SlackFault,
  SlackTeam,
  SlackUser,
  SlackUsergroup,
  StoredEphemeral,
  StoredMessage,
};
