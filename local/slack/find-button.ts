import { isRecord } from './normalize-blocks';
import type { SlackBlock } from './types';

interface ButtonRef {
  readonly blockId: string;
  readonly button: Readonly<Record<string, unknown>>;
}

interface ButtonQuery {
  readonly actionId?: string;
  readonly value?: string;
  /** The visible text (`text.text`). */
  readonly buttonText?: string;
}

/** Every button of a message: in `actions` blocks and as `section` accessories. */
function listButtons(blocks: readonly SlackBlock[]): ButtonRef[] {
  return blocks.flatMap((block) => {
    const blockId = String(block.block_id ?? '');
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    return candidates
      .filter((element): element is Record<string, unknown> => isRecord(element) && element.type === 'button')
      .map((button) => ({ blockId, button }));
  });
}

const buttonText = (button: Readonly<Record<string, unknown>>): string | undefined =>
  isRecord(button.text) && typeof button.text.text === 'string' ? button.text.text : undefined;

/** The first button matching every given criterion. */
function findButton(blocks: readonly SlackBlock[], query: ButtonQuery): ButtonRef | undefined {
  return listButtons(blocks).find(
    ({ button }) =>
      (query.actionId === undefined || button.action_id === query.actionId) &&
      (query.value === undefined || button.value === query.value) &&
      (query.buttonText === undefined || buttonText(button) === query.buttonText),
  );
}

export type { ButtonQuery, ButtonRef };
export { buttonText, findButton, listButtons };
