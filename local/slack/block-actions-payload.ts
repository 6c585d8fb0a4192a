import type { ButtonRef } from './find-button';
import type { SlackChannel, SlackTeam } from './types';

/** The `payload` Slack posts to the interactivity request URL when a message button is clicked. */
interface BlockActionsPayload {
  readonly type: 'block_actions';
  readonly user: { readonly id: string; readonly username: string; readonly name: string; readonly team_id: string };
  readonly api_app_id: string;
  /** The app's (deprecated) verification token. */
  readonly token: string;
  readonly container: {
    readonly type: 'message';
    readonly message_ts: string;
    readonly channel_id: string;
    readonly is_ephemeral: boolean;
  };
  readonly trigger_id: string;
  readonly team: { readonly id: string; readonly domain: string };
  readonly enterprise: null;
  readonly is_enterprise_install: false;
  readonly channel: { readonly id: string; readonly name: string };
  readonly message: Readonly<Record<string, unknown>>;
  readonly state: { readonly values: Readonly<Record<string, unknown>> };
  readonly response_url: string;
  readonly actions: readonly Readonly<Record<string, unknown>>[];
}

interface BlockActionsInput {
  readonly team: SlackTeam;
  readonly user: { readonly id: string; readonly name: string };
  readonly channel: SlackChannel;
  /** The message as Slack returns it (chat.postMessage's `message`). */
  readonly message: Readonly<Record<string, unknown>> & { readonly ts: string };
  readonly clicked: ButtonRef;
  readonly responseUrl: string;
  readonly appId: string;
  readonly verificationToken: string;
  readonly triggerId: string;
  readonly actionTs: string;
}

/** Builds a `block_actions` payload field for field as Slack sends it for a message button. */
function buildBlockActionsPayload(input: BlockActionsInput): BlockActionsPayload {
  const { button, blockId } = input.clicked;
  return {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: input.team.id },
    api_app_id: input.appId,
    token: input.verificationToken,
    container: { type: 'message', message_ts: input.message.ts, channel_id: input.channel.id, is_ephemeral: false },
    trigger_id: input.triggerId,
    team: { id: input.team.id, domain: input.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel.id, name: input.channel.name },
    message: input.message,
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: blockId,
        text: button.text,
        ...(button.value === undefined ? {} : { value: button.value }),
        ...(button.style === undefined ? {} : { style: button.style }),
        type: 'button',
        action_ts: input.actionTs,
      },
    ],
  };
}

export type { BlockActionsInput, BlockActionsPayload };
export { buildBlockActionsPayload };
