import { codeSpan, escapeMrkdwn, formatActor, formatTime, truncate } from '../../../../core/slack/messages/text';

describe('Function: escapeMrkdwn', () => {
  it('escapes exactly Slack’s three control characters', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_')).toBe('a &amp; b &lt; c &gt; d *e* _f_');
  });
});

describe('Function: truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });

  it.each([
    ['&amp;&amp;', 7, '&amp;…'],
    ['ab&lt;', 5, 'ab…'],
    ['ab&amp;', 6, 'ab…'],
  ])('never leaves half an entity: %s to %i', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never splits a surrogate pair', () => {
    expect(truncate('a😀bcd', 3)).toBe('a…');
  });
});

describe('Function: codeSpan', () => {
  it('keeps backticks and control characters from breaking out of the span', () => {
    expect(codeSpan('a`b\nc<d>', 100)).toBe('`aˋb\uFFFDc&lt;d&gt;`');
  });

  it('stays within its budget, closing backtick included', () => {
    const span = codeSpan('x'.repeat(500), 50);
    expect(span).toHaveLength(50);
    expect(span).toMatch(/^`x+…`$/);
  });
});

describe('Function: formatActor', () => {
  it.each([
    ['slack:U0APPROVER', '<@U0APPROVER>'],
    ['slack:W0ENTERPRISE', '<@W0ENTERPRISE>'],
    ['auto', 'automatic remediation (policy)'],
    ['cli:alice', '`alice` (CLI)'],
    ['slack:<!here>', '`slack:&lt;!here&gt;`'],
    ['system', '`system`'],
  ])('shows %s as %s', (actor, shown) => {
    expect(formatActor(actor)).toBe(shown);
  });
});

describe('Function: formatTime', () => {
  it('renders a Slack date with the ISO time as fallback, and escapes an unparsable value', () => {
    expect(formatTime('2026-11-27T12:00:00Z')).toBe(
      '<!date^1795780800^{date_short_pretty} {time}|2026-11-27T12:00:00.000Z>',
    );
    expect(formatTime('<not a date>')).toBe('&lt;not a date&gt;');
  });
});
