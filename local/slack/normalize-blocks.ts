import { SlackApiError } from './SlackApiError';
import { shortId } from './slack-ids';
import type { SlackBlock } from './types';

const MAX_BLOCKS = 50;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function withActionId(element: unknown): unknown {
  if (!isRecord(element) || typeof element.type !== 'string' || 'action_id' in element) return element;
  const interactive = ['button', 'static_select', 'overflow', 'datepicker', 'checkboxes', 'radio_buttons'];
  return interactive.includes(element.type) ? { ...element, action_id: shortId() } : element;
}

/**
 * Checks blocks like Slack does (an array of at most 50 objects with a `type`) and stores them the way Slack
 * returns them: every block gets a `block_id` and every interactive element an `action_id` if it had none.
 */
function normalizeBlocks(blocks: unknown): SlackBlock[] {
  if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  if (blocks.length > MAX_BLOCKS) {
    throw new SlackApiError('invalid_blocks', { errors: [`must contain at most ${MAX_BLOCKS} blocks`] });
  }
  return blocks.map((block, index) => {
    if (!isRecord(block) || typeof block.type !== 'string') {
      throw new SlackApiError('invalid_blocks', {
        errors: [`missing required field: type [json-pointer:/blocks/${index}]`],
      });
    }
    const normalized: Record<string, unknown> = { ...block, block_id: block.block_id ?? shortId() };
    if (Array.isArray(block.elements)) normalized.elements = block.elements.map(withActionId);
    if (block.accessory !== undefined) normalized.accessory = withActionId(block.accessory);
    return normalized;
  });
}

export { isRecord, normalizeBlocks };
