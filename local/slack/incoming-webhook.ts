import { messageContent } from './message-content';
import { SlackApiError } from './SlackApiError';
import type { SlackWorkspace } from './SlackWorkspace';
import type { ApiArgs, SlackChannel } from './types';

/** HTTP status of each webhook error, as Slack answers them (the body is the error as plain text). */
const STATUS: Readonly<Record<string, number>> = {
  invalid_payload: 400,
  no_text: 400,
  invalid_blocks: 400,
  invalid_blocks_format: 400,
  msg_too_long: 400,
  no_service: 404,
  channel_not_found: 404,
};

interface HookReply {
  readonly status: number;
  readonly text: string;
}

/** Posts an incoming-webhook message into the webhook's channel: `200 ok`, or the status and error text. */
function postViaWebhook(
  workspace: SlackWorkspace,
  channel: SlackChannel | undefined,
  payload: ApiArgs | undefined,
): HookReply {
  try {
    if (!channel) throw new SlackApiError('no_service');
    if (!payload) throw new SlackApiError('invalid_payload');
    workspace.post(channel, { ...messageContent(payload), source: 'webhook' });
    return { status: 200, text: 'ok' };
  } catch (err) {
    if (!(err instanceof SlackApiError)) throw err;
    return { status: STATUS[err.error] ?? 400, text: err.error };
  }
}

export type { HookReply };
export { postViaWebhook };
