import { messageContent } from './message-content';
import { flagArg } from './parse-api-args';
import type { ResponseTarget } from './ResponseUrls';
import { SlackApiError } from './SlackApiError';
import type { SlackWorkspace } from './SlackWorkspace';
import type { ApiArgs } from './types';

interface ResponseReply {
  readonly status: number;
  readonly json: { readonly ok: boolean; readonly error?: string };
}

function apply(workspace: SlackWorkspace, target: ResponseTarget, payload: ApiArgs): void {
  const channel = workspace.channel(target.channel);
  if (!channel) throw new SlackApiError('channel_not_found');
  const original = workspace.message(channel.id, target.messageTs);
  if (flagArg(payload, 'delete_original')) {
    if (!original) throw new SlackApiError('message_not_found');
    workspace.delete(original);
    return;
  }
  const content = messageContent(payload);
  if (flagArg(payload, 'replace_original')) {
    if (!original) throw new SlackApiError('message_not_found');
    // Replacing means the whole message: blocks not sent are gone.
    workspace.update(original, content);
  } else if (payload.response_type === 'in_channel') {
    workspace.post(channel, { ...content, source: 'response_url' });
  } else {
    // Without replace_original or in_channel, Slack shows the response to the clicking user only.
    workspace.postEphemeral(channel, target.user, { ...content, source: 'response_url' });
  }
}

/**
 * A POST to a response URL: `delete_original`, `replace_original` (updates the clicked message),
 * `response_type: "in_channel"` (a new message), otherwise an ephemeral for the user who clicked.
 */
function postViaResponseUrl(
  workspace: SlackWorkspace,
  target: ResponseTarget,
  payload: ApiArgs | undefined,
): ResponseReply {
  try {
    if (!payload) throw new SlackApiError('invalid_payload');
    apply(workspace, target, payload);
    return { status: 200, json: { ok: true } };
  } catch (err) {
    if (!(err instanceof SlackApiError)) throw err;
    return { status: err.error === 'message_not_found' ? 404 : 400, json: { ok: false, error: err.error } };
  }
}

export type { ResponseReply };
export { postViaResponseUrl };
