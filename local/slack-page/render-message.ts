import type { SlackWorkspace } from '../slack/SlackWorkspace';
import type { StoredEphemeral, StoredMessage } from '../slack/types';
import { escapeHtml } from './escape-html';
import { renderBlocks } from './render-blocks';
import { renderMrkdwn } from './render-mrkdwn';

type Workspace = Pick<SlackWorkspace, 'user' | 'channel' | 'bot'>;

/** A Slack ts (`seconds.micros`) as an ISO time; the page script shows it in the viewer's time zone. */
const tsIso = (ts: string): string => new Date(Math.floor(Number(ts) * 1000)).toISOString();

function author(workspace: Workspace, userId: string): { name: string; bot: boolean } {
  if (userId === workspace.bot.userId) return { name: workspace.bot.name, bot: true };
  return { name: workspace.user(userId)?.name ?? userId, bot: false };
}

/** Blocks when there are any (the text is then only the notification fallback), else the text. */
function bodyHtml(workspace: Workspace, message: { text: string; blocks: StoredMessage['blocks'] }): string {
  return message.blocks.length > 0
    ? renderBlocks(message.blocks, workspace)
    : `<div class="text">${renderMrkdwn(message.text, workspace)}</div>`;
}

function frame(options: {
  classes: string;
  attributes: string;
  name: string;
  bot: boolean;
  ts: string;
  note: string;
  body: string;
}): string {
  const initial = escapeHtml(options.name.charAt(0).toUpperCase());
  const tag = options.bot ? '<span class="app-tag">APP</span>' : '';
  return (
    `<article class="${options.classes}" ${options.attributes}>` +
    `<div class="avatar" aria-hidden="true">${initial}</div>` +
    '<div class="content"><div class="meta">' +
    `<span class="author">${escapeHtml(options.name)}</span>${tag}` +
    `<time datetime="${tsIso(options.ts)}">${tsIso(options.ts).slice(11, 16)}</time>${options.note}</div>` +
    `${options.body}</div></article>`
  );
}

/** A channel message as the page shows it, marked `(edited)` once it has been updated. */
function renderMessage(workspace: Workspace, message: StoredMessage): string {
  const who = author(workspace, message.user);
  return frame({
    classes: 'message',
    attributes: `data-ts="${escapeHtml(message.ts)}"`,
    ...who,
    ts: message.ts,
    note: message.history.length > 0 ? '<span class="edited">(edited)</span>' : '',
    body: bodyHtml(workspace, message),
  });
}

/** An ephemeral: the page shows it only to the user it was sent to. */
function renderEphemeral(workspace: Workspace, ephemeral: StoredEphemeral): string {
  return frame({
    classes: 'message ephemeral',
    attributes: `data-user="${escapeHtml(ephemeral.user)}" data-ts="${escapeHtml(ephemeral.ts)}"`,
    ...author(workspace, workspace.bot.userId),
    ts: ephemeral.ts,
    note: '<span class="only-you">Only visible to you</span>',
    body: bodyHtml(workspace, ephemeral),
  });
}

export { renderEphemeral, renderMessage };
