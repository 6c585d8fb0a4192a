import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import type { Directory } from '../../../local/slack-page/render-mrkdwn';
import { renderMrkdwn } from '../../../local/slack-page/render-mrkdwn';

const directory: Directory = {
  user: (id) => SLACK_DEFAULTS.users.find((u) => u.id === id),
  channel: (ref) => SLACK_DEFAULTS.channels.find((c) => c.id === ref || c.name === ref),
};
const render = (mrkdwn: string) => renderMrkdwn(mrkdwn, directory);

describe('Function: renderMrkdwn', () => {
  it.each([
    ['bold', 'a *b* c', 'a <strong>b</strong> c'],
    ['italic', '_Why review:_ x', '<em>Why review:</em> x'],
    ['strike', '~gone~', '<del>gone</del>'],
    ['inline code', 'at `s3://b/k`', 'at <code>s3://b/k</code>'],
    ['a code block', '```\nline 1\nline 2```', '<pre>line 1\nline 2</pre>'],
    ['newlines', 'one\ntwo', 'one<br>two'],
    ['emoji codes', ':lock: Quarantined :no_such_emoji:', '🔒 Quarantined :no_such_emoji:'],
    ['a user mention by name', 'by <@U0ALICE001>', 'by <span class="mention">@alice</span>'],
    ['an unknown user by id', '<@U0NOBODY1>', '<span class="mention">@U0NOBODY1</span>'],
    ['a channel by name', '<#C0FINDINGS1>', '<span class="mention">#macie-findings</span>'],
    ['a special mention', '<!here>', '<span class="mention">@here</span>'],
    [
      'a labelled link',
      '<https://a.test/x?y=1&amp;z=2|Open *it*>',
      '<a href="https://a.test/x?y=1&amp;z=2" target="_blank" rel="noopener noreferrer">Open <strong>it</strong></a>',
    ],
    [
      'a bare link',
      '<https://a.test/>',
      '<a href="https://a.test/" target="_blank" rel="noopener noreferrer">https://a.test/</a>',
    ],
    [
      'a date',
      `<!date^${Date.parse('2026-11-27T10:20:00.000Z') / 1000}^{date_short_pretty}|2026-11-27T10:20:00.000Z>`,
      '<time datetime="2026-11-27T10:20:00.000Z">2026-11-27T10:20:00.000Z</time>',
    ],
    ["Slack's entities as the characters they stand for", '&lt;a&gt; &amp;amp;', '&lt;a&gt; &amp;amp;'],
  ])('renders %s', (_name, mrkdwn, html) => {
    // Act & Assess
    expect(render(mrkdwn)).toBe(html);
  });

  it('keeps formatting, emoji and mentions literal inside code', () => {
    // Act
    const html = render('`*not bold* :lock: _x_ ~y~`');

    // Assess
    expect(html).toBe('<code>*not bold* :lock: _x_ ~y~</code>');
  });

  it('leaves underscores inside words alone', () => {
    // Act & Assess
    expect(render('my_file_name.txt and snake_case')).toBe('my_file_name.txt and snake_case');
  });

  it.each([
    [
      'an escaped tag in code (an object key)',
      '`&lt;img src=x onerror=alert(1)&gt;`',
      '<code>&lt;img src=x onerror=alert(1)&gt;</code>',
    ],
    ['a raw tag (a control sequence that is no link)', '<script>alert(1)</script>', 'scriptalert(1)/script'],
    ['a javascript: link', '<javascript:alert(1)|click me>', 'click me'],
    [
      'quotes in a link',
      '<https://a.test/"onmouseover="x|t>',
      '<a href="https://a.test/&quot;onmouseover=&quot;x" target="_blank" rel="noopener noreferrer">t</a>',
    ],
    [
      'markup in a link label',
      '<https://a.test/|&lt;b&gt;x&lt;/b&gt;>',
      '<a href="https://a.test/" target="_blank" rel="noopener noreferrer">&lt;b&gt;x&lt;/b&gt;</a>',
    ],
    ['markup in a mention label', '<!subteam^S1|<b>>', '&lt;!subteam^S1|b&gt;'],
    ["the renderer's own slot markers", 'x\uE0000\uE001y `c`', 'x0y <code>c</code>'],
  ])('never turns text into markup: %s', (_name, mrkdwn, html) => {
    // Act & Assess
    expect(render(mrkdwn)).toBe(html);
  });
});
