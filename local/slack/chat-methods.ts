import { MAX_TEXT, messageContent } from './message-content';
import { normalizeBlocks } from './normalize-blocks';
import { stringArg } from './parse-api-args';
import { SlackApiError } from './SlackApiError';
import type { SlackWorkspace } from './SlackWorkspace';
import type { ApiArgs, ApiReply, SlackChannel, StoredMessage } from './types';

function channelArg(workspace: SlackWorkspace, args: ApiArgs): SlackChannel {
  const ref = stringArg(args, 'channel');
  const channel = ref === undefined ? undefined : workspace.channel(ref);
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}

/** The `message` object Slack returns for a bot message. */
function messageJson(workspace: SlackWorkspace, message: StoredMessage) {
  return {
    type: 'message',
    ...(message.source === 'api' ? {} : { subtype: 'bot_message' }),
    user: message.user,
    bot_id: message.botId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    team: workspace.team.id,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.history.length > 0
      ? { edited: { user: message.user, ts: message.history[message.history.length - 1]?.replacedAt } }
      : {}),
  };
}

function postMessage(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const channel = channelArg(workspace, args);
  const message = workspace.post(channel, {
    ...messageContent(args),
    source: 'api',
    threadTs: stringArg(args, 'thread_ts'),
  });
  return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(workspace, message) };
}

/** chat.update: replaces text and/or blocks (what is not sent is kept); only the bot's own API messages. */
function update(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const channel = channelArg(workspace, args);
  const ts = stringArg(args, 'ts');
  const existing = ts === undefined ? undefined : workspace.message(channel.id, ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.user !== workspace.bot.userId || existing.source !== 'api')
    throw new SlackApiError('cant_update_message');
  const text = typeof args.text === 'string' ? args.text : undefined;
  const blocks = args.blocks === undefined ? undefined : normalizeBlocks(args.blocks);
  if (text === undefined && blocks === undefined && args.attachments === undefined) throw new SlackApiError('no_text');
  if ((text ?? '').length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  const updated = workspace.update(existing, { text, blocks });
  return {
    ok: true,
    channel: channel.id,
    ts: updated.ts,
    text: updated.text,
    message: messageJson(workspace, updated),
  };
}

function postEphemeral(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const channel = channelArg(workspace, args);
  const user = stringArg(args, 'user');
  if (user === undefined || !workspace.user(user)) throw new SlackApiError('user_not_found');
  if (!workspace.isMember(channel, user)) throw new SlackApiError('user_not_in_channel');
  const ephemeral = workspace.postEphemeral(channel, user, { ...messageContent(args), source: 'api' });
  return { ok: true, message_ts: ephemeral.ts };
}

export { messageJson, postEphemeral, postMessage, update };
