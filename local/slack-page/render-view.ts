import type { OpenedView } from '../slack/SlackViews';
import { escapeHtml } from './escape-html';
import { renderBlocks, textObject } from './render-blocks';
import type { Directory } from './render-mrkdwn';

/**
 * A modal as Slack shows it: its title, its blocks (inputs become form fields), Cancel and Submit.
 * The page script posts the fields to the page server, which has the stand-in sign the view_submission.
 */
function renderView(opened: OpenedView, directory: Directory): string {
  const { view } = opened;
  // Slack's own words when the view names none.
  const close = view.close === undefined ? 'Cancel' : textObject(view.close, directory);
  const submit =
    view.submit === undefined
      ? ''
      : `<button type="submit" class="btn primary">${textObject(view.submit, directory)}</button>`;
  return (
    `<dialog class="modal" data-view-id="${escapeHtml(opened.id)}"><form>` +
    `<h2>${textObject(view.title, directory)}</h2>${renderBlocks(view.blocks, directory)}` +
    `<div class="confirm-actions"><button type="button" class="btn" data-close>${close}</button>${submit}</div>` +
    '</form></dialog>'
  );
}

export { renderView };
