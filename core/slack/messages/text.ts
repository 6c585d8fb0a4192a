/**
 * Text for Slack messages: the Block Kit limits, mrkdwn escaping, code spans and truncation that never split
 * an entity, and how actors and times are shown.
 */

const ELLIPSIS = '…';

/** Slack's three control characters: escaped, a key cannot become a link, `<!channel>` or `<@U…>` mention. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts `text` to at most `max` UTF-16 units, ending in an ellipsis. Never leaves half an `&amp;` entity or
 * half a surrogate pair behind.
 */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  cut = cut.replace(/&[a-z]*$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/**
 * An inline code span for untrusted text (object keys, bucket names): formatting (`*_~`), emoji codes and
 * mentions stay literal. mrkdwn has no way to escape a backtick inside code, so it is shown as `ˋ` (U+02CB);
 * control characters (a key may hold a newline) are shown as `�`.
 */
function codeSpan(text: string, max: number): string {
  const inner = escapeMrkdwn(text)
    .replace(/`/g, 'ˋ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  return `\`${truncate(inner, max - 2)}\``;
}

const s3Uri = (bucket: string, key = ''): string => `s3://${bucket}/${key}`;

/**
 * Block Kit limits we build against (Slack reference: blocks, block elements, composition objects).
 * Slack rejects a whole message that breaks one, so every builder truncates to these.
 */
const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** Top-level `text`: Slack truncates longer text; 4,000 is the documented best-practice bound. */
  messageText: 4000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** Slack user ids: U… in a workspace, W… in an Enterprise org. Anything else is shown as text. */
const SLACK_USER = /^[UW][A-Z0-9]{2,20}$/;

/**
 * An actor (quarantine.ts: `slack:U123`, `auto`, `cli:<user>`) in mrkdwn: a Slack mention for Slack users,
 * never a mention built from free text.
 */
function formatActor(actor: string): string {
  if (actor === 'auto') return 'automatic remediation (policy)';
  const [kind, ...rest] = actor.split(':');
  const who = rest.join(':');
  if (kind === 'slack' && SLACK_USER.test(who)) return `<@${who}>`;
  if (kind === 'cli' && who) return `${codeSpan(who, 100)} (CLI)`;
  return codeSpan(actor, 100);
}

/**
 * An actor in plain text, as a message shows it (`@U0APPROVER` where Slack shows `@alice`), for reasons the
 * ledger and the terminal keep: no mrkdwn, no mention.
 */
function plainActor(actor: string): string {
  if (actor === 'auto') return 'automatic remediation (policy)';
  const [kind, ...rest] = actor.split(':');
  const who = rest.join(':');
  if (kind === 'slack' && SLACK_USER.test(who)) return `@${who}`;
  if (kind === 'cli' && who) return `${who} (CLI)`;
  return actor;
}

/** A timestamp in plain text, in UTC to the minute: `2026-11-27 12:00 UTC`; an unparsable value as it is. */
function plainTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A timestamp in mrkdwn: Slack renders `<!date^…>` in each reader's time zone and shows the ISO text where
 * it cannot. An unparsable value is shown as escaped text.
 */
function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = new Date(ms).toISOString();
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

export { codeSpan, escapeMrkdwn, formatActor, formatTime, plainActor, plainTime, SLACK_LIMITS, s3Uri, truncate };
