/** Text helpers for Slack mrkdwn: escaping, code spans and length limits that never split an entity. */

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

export { codeSpan, escapeMrkdwn, s3Uri, truncate };
