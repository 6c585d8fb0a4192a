import type { SlackBlock } from '../slack/types';
import { renderEmoji } from './emoji';
import { escapeHtml } from './escape-html';
import { type Directory, renderMrkdwn } from './render-mrkdwn';

type Json = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A Block Kit text object: mrkdwn rendered, plain_text escaped (with emoji codes when `emoji`). */
function textObject(value: unknown, directory: Directory): string {
  if (!isRecord(value)) return '';
  const text = asString(value.text);
  if (value.type === 'mrkdwn') return renderMrkdwn(text, directory);
  const html = escapeHtml(text);
  return value.emoji === false ? html : renderEmoji(html);
}

/** The confirm dialog a button opens before it is "sent"; the page script shows it as a modal. */
function confirmHtml(confirm: Json, directory: Directory): string {
  const style = confirm.style === 'danger' ? ' danger' : ' primary';
  return (
    '<dialog class="confirm">' +
    `<h2>${textObject(confirm.title, directory)}</h2>` +
    `<p>${textObject(confirm.text, directory)}</p>` +
    '<form method="dialog" class="confirm-actions">' +
    `<button value="deny" class="btn">${textObject(confirm.deny, directory)}</button>` +
    `<button value="confirm" class="btn${style}">${textObject(confirm.confirm, directory)}</button>` +
    '</form></dialog>'
  );
}

function buttonHtml(button: Json, blockId: string, directory: Directory): string {
  const style = button.style === 'primary' || button.style === 'danger' ? ` ${button.style}` : '';
  const attributes = [
    `data-action-id="${escapeHtml(asString(button.action_id))}"`,
    `data-value="${escapeHtml(asString(button.value))}"`,
    `data-block-id="${escapeHtml(blockId)}"`,
  ].join(' ');
  const dialog = isRecord(button.confirm) ? confirmHtml(button.confirm, directory) : '';
  return `<span class="action"><button type="button" class="btn${style}" ${attributes}>${textObject(button.text, directory)}</button>${dialog}</span>`;
}

function elementHtml(element: Json, blockId: string, directory: Directory): string {
  if (element.type === 'button') return buttonHtml(element, blockId, directory);
  if (element.type === 'image') return `<span class="image-alt">[${escapeHtml(asString(element.alt_text))}]</span>`;
  if (element.type === 'mrkdwn' || element.type === 'plain_text')
    return `<span>${textObject(element, directory)}</span>`;
  return `<span class="unsupported">[${escapeHtml(asString(element.type))}]</span>`;
}

/**
 * An input block as a form field named by its element's action_id (what `view.state.values` is keyed by),
 * with an empty slot where the app's `response_action: "errors"` message for this block goes.
 */
function inputHtml(block: Json, blockId: string, directory: Directory): string {
  const element = isRecord(block.element) ? block.element : {};
  if (element.type !== 'plain_text_input') return elementHtml(element, blockId, directory);
  const id = `input-${escapeHtml(blockId)}`;
  const limit = typeof element.max_length === 'number' ? ` maxlength="${element.max_length}"` : '';
  const name = `name="${escapeHtml(asString(element.action_id))}"${limit}`;
  const field =
    element.multiline === true ? `<textarea id="${id}" ${name} rows="4"></textarea>` : `<input id="${id}" ${name}>`;
  const hint = block.hint === undefined ? '' : `<div class="hint">${textObject(block.hint, directory)}</div>`;
  return (
    `<div class="b-input"><label for="${id}">${textObject(block.label, directory)}</label>${field}` +
    `<div class="input-error" data-block-id="${escapeHtml(blockId)}" role="alert" hidden></div>${hint}</div>`
  );
}

function sectionHtml(block: Json, directory: Directory): string {
  const text = block.text === undefined ? '' : `<div class="text">${textObject(block.text, directory)}</div>`;
  const fields = asList(block.fields).map((field) => `<div class="field">${textObject(field, directory)}</div>`);
  const grid = fields.length > 0 ? `<div class="fields">${fields.join('')}</div>` : '';
  const accessory = isRecord(block.accessory)
    ? `<div class="accessory">${elementHtml(block.accessory, asString(block.block_id), directory)}</div>`
    : '';
  return `<section class="b-section">${text}${grid}${accessory}</section>`;
}

/** One block as HTML; block types the page does not know are named, not dropped. */
function blockHtml(block: SlackBlock, directory: Directory): string {
  const blockId = asString(block.block_id);
  switch (block.type) {
    case 'header':
      return `<h3 class="b-header">${textObject(block.text, directory)}</h3>`;
    case 'section':
      return sectionHtml(block, directory);
    case 'context': {
      const elements = asList(block.elements).map((e) => elementHtml(e, blockId, directory));
      return `<div class="b-context">${elements.join('')}</div>`;
    }
    case 'input':
      return inputHtml(block, blockId, directory);
    case 'divider':
      return '<hr class="b-divider">';
    case 'actions': {
      const elements = asList(block.elements).map((e) => elementHtml(e, blockId, directory));
      return `<div class="b-actions">${elements.join('')}</div>`;
    }
    default:
      return `<div class="unsupported">[${escapeHtml(asString(block.type))} block]</div>`;
  }
}

/** Blocks as HTML (a message's or a modal's), every text escaped: object keys and finding titles are not ours. */
const renderBlocks = (blocks: readonly SlackBlock[], directory: Directory): string =>
  blocks.map((block) => blockHtml(block, directory)).join('');

export { renderBlocks, textObject };
