import type { Clock } from '../../core/types';
import { type BlockActionsPayload, buildBlockActionsPayload } from './block-actions-payload';
import { messageJson } from './chat-methods';
import { buttonText, findButton, listButtons } from './find-button';
import type { ResponseUrls } from './ResponseUrls';
import type { SlackWorkspace } from './SlackWorkspace';
import { signedInteraction } from './sign-slack-request';

interface ClickOptions {
  /** The message's ts. */
  readonly ts: string;
  /** Narrows the message lookup to a channel (id or name). */
  readonly channel?: string;
  /** Which button: every given criterion must match. */
  readonly actionId?: string;
  readonly value?: string;
  readonly buttonText?: string;
  /** @default the first configured user */
  readonly userId?: string;
  /** @default the workspace's team id */
  readonly teamId?: string;
  /** Unix seconds for `X-Slack-Request-Timestamp`, e.g. an old one for a replay test. @default the clock */
  readonly timestamp?: number;
  /** Sign with another secret, e.g. for a forged request. @default the current signing secret */
  readonly signingSecret?: string;
}

/** A click as Slack would send it: where to, the headers and the raw form body. */
interface SignedClick {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly payload: BlockActionsPayload;
  readonly responseUrl: string;
}

interface ClickContext {
  readonly workspace: SlackWorkspace;
  readonly responseUrls: ResponseUrls;
  readonly baseUrl: string;
  readonly interactivityUrl?: string;
  readonly app: { readonly id: string; readonly signingSecret: string; readonly verificationToken: string };
  readonly clock: Clock;
  /** Hands out the click's trigger_id, which views.open then accepts once, for 3 seconds. */
  readonly triggers: { issueTrigger(user: string): string };
}

function clickedMessage({ workspace }: ClickContext, options: ClickOptions) {
  const found = options.channel
    ? workspace.message(workspace.channel(options.channel)?.id ?? options.channel, options.ts)
    : workspace.messageByTs(options.ts);
  const channel = found && workspace.channel(found.channel);
  if (!found || !channel) throw new Error(`Slack stand-in: no message with ts ${options.ts}`);
  const clicked = findButton(found.blocks, options);
  if (!clicked) {
    const available = listButtons(found.blocks).map(
      ({ button }) => `"${buttonText(button)}" (action_id ${String(button.action_id)}, value ${String(button.value)})`,
    );
    throw new Error(`Slack stand-in: no such button on ${options.ts}; it has ${available.join(', ') || 'none'}`);
  }
  return { message: found, channel, clicked };
}

/**
 * The request Slack sends when a user clicks a message button: a form body `payload=<block_actions JSON>`
 * with a fresh response URL, signed with `X-Slack-Request-Timestamp` and `X-Slack-Signature`.
 */
function buildSignedClick(context: ClickContext, options: ClickOptions): SignedClick {
  const { workspace, clock, app } = context;
  const { message, channel, clicked } = clickedMessage(context, options);
  const url = context.interactivityUrl;
  if (!url) throw new Error('Slack stand-in: no interactivity URL (setInteractivityUrl or a manifest request_url)');
  const user = options.userId ?? workspace.users[0]?.id ?? 'U0UNKNOWN1';
  const responseId = context.responseUrls.issue({ channel: channel.id, messageTs: message.ts, user });
  const responseUrl = `${context.baseUrl}/response/${responseId}`;
  const payload = buildBlockActionsPayload({
    team: { ...workspace.team, id: options.teamId ?? workspace.team.id },
    user: { id: user, name: workspace.user(user)?.name ?? user.toLowerCase() },
    channel,
    message: messageJson(workspace, message),
    clicked,
    responseUrl,
    appId: app.id,
    verificationToken: app.verificationToken,
    triggerId: context.triggers.issueTrigger(user),
    actionTs: workspace.nextTs(),
  });
  const timestamp = options.timestamp ?? Math.floor(clock().getTime() / 1000);
  const { body, headers } = signedInteraction(payload, options.signingSecret ?? app.signingSecret, timestamp);
  return { url, headers, body, payload, responseUrl };
}

export type { ClickContext, ClickOptions, SignedClick };
export { buildSignedClick };
