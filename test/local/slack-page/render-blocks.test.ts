import { buildOutcomeMessage, buildReviewMessage } from '../../../core/slack/messages/messages';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import type { StoredMessage } from '../../../local/slack/types';
import { renderBlocks } from '../../../local/slack-page/render-blocks';
import { renderEphemeral, renderMessage } from '../../../local/slack-page/render-message';
import { reviewFinding } from '../../core/slack/support/findings';

const workspace = {
  bot: SLACK_DEFAULTS.bot,
  user: (id: string) => SLACK_DEFAULTS.users.find((u) => u.id === id),
  channel: (ref: string) => SLACK_DEFAULTS.channels.find((c) => c.id === ref || c.name === ref),
};
const HOSTILE_KEY = `hr/<img src=x onerror=alert(1)>"'&<script>x</script>.csv`;
const hostile = reviewFinding({
  object: { bucket: 'payroll-exports', key: HOSTILE_KEY, size: 10 },
  title: '<b>bold</b> & <!channel>',
});

describe('Function: renderBlocks', () => {
  it('renders the review message: header, sections, fields, context, and buttons with their confirm dialog', () => {
    // Prepare
    const message = buildReviewMessage({ finding: reviewFinding(), quarantineBucket: 'acme-quarantine' });

    // Act
    const html = renderBlocks(message.blocks, workspace);

    // Assess
    expect(html).toContain('<h3 class="b-header">🔍 Sensitive data found: review needed</h3>');
    expect(html).toContain('<strong>Object:</strong> <code>s3://payroll-exports/hr/2026/salaries.csv</code>');
    expect(html).toContain('<div class="field"><strong>Severity</strong><br>High</div>');
    expect(html).toMatch(
      /<div class="b-context"><span>Finding <code>ba3c75616234b8a67797b8000371aaba<\/code>.*<a href="https:\/\/eu-west-1\.console\.aws\.amazon\.com\/macie\//,
    );
    expect(html).toContain(
      '<button type="button" class="btn danger" data-action-id="remediate" data-value="ba3c75616234b8a67797b8000371aaba"',
    );
    expect(html).toMatch(
      /<dialog class="confirm"><h2>Quarantine this object\?<\/h2><p>Moves <code>s3:\/\/payroll-exports\/hr\/2026\/salaries\.csv<\/code> to <code>s3:\/\/acme-quarantine\/<\/code>/,
    );
    expect(html).toContain('<button value="confirm" class="btn danger">Quarantine</button>');
    expect(html).toContain('<button type="button" class="btn" data-action-id="dismiss"');
    expect(html).toContain('<hr class="b-divider">');
  });

  it('shows an object key and finding title with markup in them as text', () => {
    // Prepare
    const message = buildReviewMessage({ finding: hostile, quarantineBucket: 'q' });

    // Act
    const html = renderBlocks(message.blocks, workspace);

    // Assess
    expect(html).not.toMatch(/<(img|script|b)[\s>]/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;script&gt;x&lt;/script&gt;.csv');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; &lt;!channel&gt;');
  });

  it('renders the outcome after approval with its Restore button and the approver named', () => {
    // Prepare
    const message = buildOutcomeMessage({
      finding: reviewFinding(),
      kind: 'remediate',
      actor: 'slack:U0ALICE001',
      at: '2026-11-27T10:20:00.000Z',
      result: {
        findingId: 'ba3c75616234b8a67797b8000371aaba',
        outcome: 'QUARANTINED',
        source: { bucket: 'payroll-exports', key: 'hr/2026/salaries.csv' },
        quarantine: { bucket: 'q', key: 'k' },
      },
    });

    // Act
    const html = renderBlocks(message.blocks, workspace);

    // Assess
    expect(html).toContain('<h3 class="b-header">🔒 Quarantined</h3>');
    expect(html).toContain(
      '<strong>Quarantined</strong> by <span class="mention">@alice</span> on <time datetime="2026-11-27T10:20:00.000Z">',
    );
    expect(html).toContain('class="btn primary" data-action-id="restore"');
  });

  it('names block and element types it does not render', () => {
    // Act
    const html = renderBlocks(
      [
        { type: 'video', title: 'x' },
        { type: 'context', elements: [{ type: 'image', alt_text: 'a <logo>' }, { type: 'datepicker' }] },
        { type: 'section', text: { type: 'plain_text', text: ':lock: <x>', emoji: false } },
      ],
      workspace,
    );

    // Assess
    expect(html).toBe(
      '<div class="unsupported">[video block]</div>' +
        '<div class="b-context"><span class="image-alt">[a &lt;logo&gt;]</span><span class="unsupported">[datepicker]</span></div>' +
        '<section class="b-section"><div class="text">:lock: &lt;x&gt;</div></section>',
    );
  });
});

describe('Functions: renderMessage, renderEphemeral', () => {
  const stored: StoredMessage = {
    channel: 'C0FINDINGS1',
    ts: '1795774800.000100',
    user: SLACK_DEFAULTS.bot.userId,
    botId: SLACK_DEFAULTS.bot.botId,
    text: 'fallback *text*',
    blocks: [],
    source: 'api',
    history: [],
    deleted: false,
  };

  it('renders a bot message with its ts, author and the text when it has no blocks', () => {
    // Act
    const html = renderMessage(workspace, stored);

    // Assess
    expect(html).toMatch(/^<article class="message" data-ts="1795774800\.000100">/);
    expect(html).toContain('<span class="author">macie-remediate</span><span class="app-tag">APP</span>');
    expect(html).toContain('<time datetime="2026-11-27T10:20:00.000Z">10:20</time>');
    expect(html).toContain('<div class="text">fallback <strong>text</strong></div>');
    expect(html).not.toContain('(edited)');
  });

  it('marks an updated message as edited', () => {
    // Act
    const html = renderMessage(workspace, { ...stored, history: [{ text: 'old', blocks: [], replacedAt: '1.2' }] });

    // Assess
    expect(html).toContain('<span class="edited">(edited)</span>');
  });

  it('renders an ephemeral for its one user', () => {
    // Act
    const html = renderEphemeral(workspace, {
      channel: 'C0FINDINGS1',
      user: 'U0BOB00001',
      ts: '1795777200.000200',
      text: 'You are not authorized',
      blocks: [],
      source: 'response_url',
    });

    // Assess
    expect(html).toMatch(/^<article class="message ephemeral" data-user="U0BOB00001" data-ts="1795777200\.000200">/);
    expect(html).toContain('<span class="only-you">Only visible to you</span>');
  });
});
