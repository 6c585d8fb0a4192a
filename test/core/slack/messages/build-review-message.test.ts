import type { MessageSubject } from '../../../../core/slack/messages/blocks';
import { buildReviewMessage } from '../../../../core/slack/messages/messages';
import type { LedgerRecord } from '../../../../core/types/ledger';
import { buildFinding } from '../../../support/fixtures';
import { minimalRecord } from '../../../support/ledger-records';
import { buttons, buttonText, controlSequences, limitViolations, mrkdwnTexts } from '../support/block-kit';
import { FINDING_ID, reviewFinding } from '../support/findings';

const finding = reviewFinding();

const review = (subject: MessageSubject = finding, reason?: string) =>
  buildReviewMessage({ finding: subject, quarantineBucket: 'acme-quarantine', ...(reason ? { reason } : {}) });

const allText = (message: ReturnType<typeof review>): string => JSON.stringify(message);

describe('Function: buildReviewMessage', () => {
  it('shows the object, the finding facts, what was found and a console deep link with the id as text', () => {
    // Act
    const message = review();
    const text = mrkdwnTexts(message).join('\n');

    // Assess
    expect(text).toContain('`s3://payroll-exports/hr/2026/salaries.csv`');
    expect(text).toContain('SensitiveData:S3Object/Personal');
    expect(text).toContain(finding.title);
    expect(text).toContain('*Severity*\nHigh');
    expect(text).toContain('*Account*\n111122223333');
    expect(text).toContain('*Region*\neu-west-1');
    expect(text).toContain('*Category*\nCLASSIFICATION');
    expect(text).toContain('Personal information: 12');
    expect(text).toContain('7 NAME, 5 ADDRESS, 2 custom identifiers');
    expect(text).toContain('<!date^1795773600^{date_short_pretty} {time}|2026-11-27T10:00:00.000Z>');
    expect(text).toContain(`Finding \`${FINDING_ID}\``);
    expect(text).toContain(
      `<https://eu-west-1.console.aws.amazon.com/macie/home?region=eu-west-1#findings?search=id%3D${FINDING_ID}&macros=current&itemId=${FINDING_ID}|`,
    );
    expect(text).toContain(
      `moves the object to \`s3://acme-quarantine/${FINDING_ID}/payroll-exports/hr/2026/salaries.csv\``,
    );
    expect(message.text).toBe('Sensitive data found (High), review needed: s3://payroll-exports/hr/2026/salaries.csv');
  });

  it('offers Remediate (danger, with a Quarantine/Cancel confirm), the other actions, Dismiss, Dismiss and suppress similar and Exempt, each carrying only the finding id', () => {
    // Act
    const [remediate, seal, tag, dismiss, suppress, exempt, ...rest] = buttons(review());

    // Assess
    expect(rest).toEqual([]);
    expect(seal).toMatchObject({ action_id: 'remediate_seal', value: FINDING_ID });
    expect(buttonText(seal ?? {})).toBe('Seal instead');
    expect(seal?.confirm).toMatchObject({ title: { text: 'Seal this object in place?' } });
    expect(tag).toMatchObject({ action_id: 'remediate_tag', value: FINDING_ID });
    expect(buttonText(tag ?? {})).toBe('Tag instead');
    expect(exempt).toMatchObject({ action_id: 'exempt', value: FINDING_ID });
    expect(buttonText(exempt ?? {})).toBe('Exempt');
    expect(suppress).toMatchObject({ action_id: 'dismiss_suppress', value: FINDING_ID });
    expect(remediate).toMatchObject({ action_id: 'remediate', value: FINDING_ID, style: 'danger' });
    expect(buttonText(remediate ?? {})).toBe('Remediate');
    expect(remediate?.confirm).toMatchObject({
      title: { type: 'plain_text', text: 'Quarantine this object?' },
      text: { type: 'mrkdwn', text: expect.stringContaining('`s3://acme-quarantine/`') },
      confirm: { type: 'plain_text', text: 'Quarantine' },
      deny: { type: 'plain_text', text: 'Cancel' },
    });
    expect(dismiss).toMatchObject({ action_id: 'dismiss', value: FINDING_ID });
    expect(buttonText(dismiss ?? {})).toBe('Dismiss');
  });

  it('says why the policy asked for a review', () => {
    expect(mrkdwnTexts(review(finding, 'type is set to REVIEW')).join('\n')).toContain(
      '_Why review:_ type is set to REVIEW',
    );
  });

  it('builds from a bare ledger record: id as text, account and region from the object identity, no link', () => {
    // Prepare
    const record: LedgerRecord = { ...minimalRecord('f-record'), version: 1, updatedAt: '2026-11-27T10:00:00.000Z' };

    // Act
    const message = review(record);
    const text = mrkdwnTexts(message).join('\n');

    // Assess
    expect(text).toContain('`s3://bucket/f-record.csv`');
    expect(text).toContain('*Account*\n111122223333');
    expect(text).toContain('*Region*\neu-west-1');
    expect(text).toContain('Finding `f-record`');
    expect(text).not.toContain('console.aws.amazon.com');
    expect(new Set(buttons(message).map((b) => b.value))).toEqual(new Set(['f-record']));
  });

  it("says what Remediate does with the policy's action, and offers the two others instead", () => {
    // Act
    const sealing = buildReviewMessage({ finding: buildFinding(), quarantineBucket: 'q', remediation: 'SEAL' });
    const tagging = buildReviewMessage({ finding: buildFinding(), quarantineBucket: 'q', remediation: 'TAG' });

    // Assess
    expect(JSON.stringify(sealing.blocks)).toContain('*Remediate* seals the object in place');
    expect(buttons(sealing)[0]?.confirm).toMatchObject({ confirm: { text: 'Seal' } });
    expect(buttons(sealing).map((b) => b.action_id)).toEqual([
      'remediate',
      'remediate_quarantine',
      'remediate_tag',
      'dismiss',
      'dismiss_suppress',
      'exempt',
    ]);
    expect(JSON.stringify(tagging.blocks)).toContain('*Remediate* tags the object `macie-remediate:classification`');
    expect(
      buttons(tagging)
        .map((b) => b.action_id)
        .slice(0, 3),
    ).toEqual(['remediate', 'remediate_quarantine', 'remediate_seal']);
  });

  it('uses the partition host for GovCloud', () => {
    // Prepare
    const gov = buildFinding({ id: FINDING_ID, region: 'us-gov-west-1', partition: 'aws-us-gov' });

    // Act & Assess
    expect(allText(review(gov))).toContain('console.amazonaws-us-gov.com/macie/home?region=us-gov-west-1');
  });

  it('stays within every Block Kit limit with a 2,000-character key full of characters that need escaping', () => {
    // Prepare
    const key = `${'&<>'.repeat(300)}${'k'.repeat(1100)}`;
    const long = buildFinding({ id: FINDING_ID, key, bucket: 'b'.repeat(63) });

    // Act
    const message = review(long, 'r'.repeat(5000));

    // Assess
    expect(key.length).toBe(2000);
    expect(limitViolations(message)).toEqual([]);
    for (const text of mrkdwnTexts(message)) {
      expect(text).not.toMatch(/&[a-z]*…/); // no entity cut in half
    }
    const objectLine = mrkdwnTexts(message).find((t) => t.startsWith('*Object:*')) ?? '';
    expect(objectLine).toMatch(/^\*Object:\* `s3:\/\/b{63}\/(&amp;&lt;&gt;)+.*…`/);
  });

  it('renders a key that tries to inject links, mentions and formatting as inert text', () => {
    // Prepare
    const key =
      'x/<https://evil.example|Click here> <!channel> <@U0EVIL> <#C0OTHER> *bold* _it_ ~s~ `code` :smile:\n.csv';
    const hostile = buildFinding({ id: FINDING_ID, key, bucket: 'payroll-exports' });

    // Act
    const message = review(hostile);

    // Assess: the only control sequences are ours (the date and the console link)
    expect(controlSequences(message)).toEqual([
      expect.stringMatching(/^<!date\^\d+\^/),
      expect.stringMatching(/^<https:\/\/us-east-1\.console\.aws\.amazon\.com\/macie\//),
    ]);
    const objectLine = mrkdwnTexts(message).find((t) => t.startsWith('*Object:*')) ?? '';
    expect(objectLine).toBe(
      '*Object:* `s3://payroll-exports/x/&lt;https://evil.example|Click here&gt; &lt;!channel&gt; &lt;@U0EVIL&gt; ' +
        '&lt;#C0OTHER&gt; *bold* _it_ ~s~ ˋcodeˋ :smile:\uFFFD.csv`' +
        `\n${hostile.title}`,
    );
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.text).not.toContain('<!channel>');
  });

  it('escapes a hostile title', () => {
    // Prepare
    const hostile = { ...finding, title: 'Report <!here> & <https://evil|x>' };

    // Act & Assess
    expect(mrkdwnTexts(review(hostile)).join('\n')).toContain('Report &lt;!here&gt; &amp; &lt;https://evil|x&gt;');
  });

  it('matches the reviewed layout', () => {
    expect(review(finding, 'type is set to REVIEW')).toMatchSnapshot();
  });
});
