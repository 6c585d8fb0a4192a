import type { SlackWorkspace } from '../slack/SlackWorkspace';
import { renderEmoji } from './emoji';
import { escapeHtml } from './escape-html';

/** Who `<@U…>` and `<#C…>` name. */
type Directory = Pick<SlackWorkspace, 'user' | 'channel'>;

/** Marks a piece rendered ahead of the rest: private-use characters, stripped from the input first. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SLOT = /\uE000(\d+)\uE001/g;

/** Slack's three entities; everything else in mrkdwn text is literal. */
const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));

/** Text between control sequences: Slack's entities decoded, then escaped for HTML. */
const textHtml = (text: string): string => escapeHtml(decodeEntities(text));

const SAFE_LINK = /^(https?:|mailto:)/i;

function timeHtml(body: string): string {
  const [spec = '', fallback = ''] = splitLabel(body);
  const epoch = Number(spec.split('^')[1]);
  if (!Number.isFinite(epoch)) return textHtml(fallback);
  const iso = new Date(epoch * 1000).toISOString();
  return `<time datetime="${iso}">${textHtml(fallback || iso)}</time>`;
}

/** `a|b` → [a, b]; the label is everything after the first bar. */
function splitLabel(body: string): [string, string | undefined] {
  const bar = body.indexOf('|');
  return bar < 0 ? [body, undefined] : [body.slice(0, bar), body.slice(bar + 1)];
}

/** One `<…>` control sequence: a mention, a channel, a date, a special mention or a link. */
function controlHtml(body: string, directory: Directory): string {
  const [target, label] = splitLabel(body);
  if (target.startsWith('@')) {
    const name = directory.user(target.slice(1))?.name ?? label ?? target.slice(1);
    return `<span class="mention">@${textHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const name = directory.channel(target.slice(1))?.name ?? label ?? target.slice(1);
    return `<span class="mention">#${textHtml(name)}</span>`;
  }
  if (target.startsWith('!date^')) return timeHtml(body);
  if (target.startsWith('!subteam^')) return `<span class="mention">${textHtml(label ?? '@group')}</span>`;
  if (target.startsWith('!')) return `<span class="mention">@${textHtml(label ?? target.slice(1))}</span>`;
  const href = decodeEntities(target);
  if (!SAFE_LINK.test(href)) return textHtml(label ?? target);
  const text = label === undefined ? textHtml(href) : renderInline(textHtml(label));
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

/** Bold, italic and strike on escaped text, where Slack applies them: at word boundaries. */
function renderInline(html: string): string {
  return renderEmoji(html)
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/g, '$1<del>$2</del>');
}

/**
 * Slack mrkdwn as safe HTML. Control sequences (`<@U…>`, `<url|text>`, `<!date^…>`) and code are rendered
 * first and set aside, so formatting never reaches into them; everything else is decoded from Slack's
 * entities and escaped before any tag is added.
 */
function renderMrkdwn(mrkdwn: string, directory: Directory): string {
  const slots: string[] = [];
  const hold = (html: string): string => `${OPEN}${slots.push(html) - 1}${CLOSE}`;
  const text = mrkdwn.replace(/[\uE000\uE001]/g, '');
  const withControls = text.replace(/<([^<>\n]*)>/g, (_, body: string) => hold(controlHtml(body, directory)));
  const escaped = textHtml(withControls)
    .replace(/```([\s\S]*?)```/g, (_, code: string) => hold(`<pre>${code.replace(/^\n/, '')}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${code}</code>`));
  let html = renderInline(escaped).replace(/\n/g, '<br>');
  // Code may hold a control sequence's slot: two rounds resolve every nesting hold() can make.
  for (let round = 0; round < 2; round++) html = html.replace(SLOT, (_, index: string) => slots[Number(index)] ?? '');
  return html;
}

export type { Directory };
export { renderMrkdwn };
