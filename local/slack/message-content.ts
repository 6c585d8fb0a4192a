import { normalizeBlocks } from './normalize-blocks';
import { SlackApiError } from './SlackApiError';
import type { ApiArgs, SlackBlock } from './types';

const MAX_TEXT = 40_000;

interface MessageContent {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

/** Text and blocks of a new message: at least one of them (or attachments) is required, like Slack. */
function messageContent(args: ApiArgs): MessageContent {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = args.blocks === undefined ? [] : normalizeBlocks(args.blocks);
  if (text === '' && blocks.length === 0 && args.attachments === undefined) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  return { text, blocks };
}

export type { MessageContent };
export { MAX_TEXT, messageContent };
