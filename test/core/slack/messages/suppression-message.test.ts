import { SLACK_ACTIONS, SLACK_BUTTON_TEXTS } from '../../../../core/slack/action-ids';
import { buildDismissedMessage, buildReviewMessage } from '../../../../core/slack/messages/messages';
import { minimalRecord } from '../../../support/ledger-records';
import { mrkdwnTexts } from '../support/block-kit';

const AT = '2026-11-27T10:00:00.000Z';
const NAME = 'macie-remediate-payroll-0a1b2c3d';
const record = { ...minimalRecord('f-1'), version: 1, updatedAt: AT };

describe('Slack messages: Dismiss and suppress similar', () => {
  it('the review message keeps Remediate and Dismiss and adds the third button, valued with the finding id', () => {
    // Act
    const message = buildReviewMessage({ finding: record, quarantineBucket: 'quarantine' });

    // Assess
    const buttons = message.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as { action_id: string; text: { text: string }; value: string }[]);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [SLACK_ACTIONS.remediate, 'Remediate', 'f-1'],
      [SLACK_ACTIONS.remediateSeal, 'Seal instead', 'f-1'],
      [SLACK_ACTIONS.remediateTag, 'Tag instead', 'f-1'],
      [SLACK_ACTIONS.dismiss, 'Dismiss', 'f-1'],
      ['dismiss_suppress', SLACK_BUTTON_TEXTS.dismissAndSuppress, 'f-1'],
      [SLACK_ACTIONS.exempt, 'Exempt', 'f-1'],
    ]);
    expect(SLACK_BUTTON_TEXTS.dismissAndSuppress).toBe('Dismiss and suppress similar');
  });

  it.each([
    [
      { status: 'created', name: NAME } as const,
      `*Suppressed:* Macie archives similar findings from now on (findings filter \`${NAME}\`)`,
    ],
    [{ status: 'exists', name: NAME } as const, `(findings filter \`${NAME}\`)`],
    [
      { status: 'quota-full', name: NAME } as const,
      "*Not suppressed:* the account already has Macie's 1,000 findings filters",
    ],
    [
      { status: 'failed', name: NAME, reason: 'Macie CreateFindingsFilter failed: AccessDeniedException' } as const,
      '*Not suppressed:* Macie CreateFindingsFilter failed: AccessDeniedException',
    ],
  ])('the dismissed message says what became of the filter (%o)', (suppression, expected) => {
    // Act
    const message = buildDismissedMessage({ finding: record, actor: 'slack:U1', at: AT, suppression });

    // Assess
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('*Dismissed* by');
    expect(texts).toContain(expected);
    expect(message.text).toContain(
      suppression.status === 'created' || suppression.status === 'exists' ? NAME : 'Not suppressed',
    );
  });

  it('a plain dismissal says nothing of filters', () => {
    // Act
    const message = buildDismissedMessage({ finding: record, actor: 'slack:U1', at: AT });

    // Assess
    expect(mrkdwnTexts(message).join('\n')).not.toContain('suppress');
  });
});
