import {
  buildDismissedMessage,
  buildOutcomeMessage,
  buildProgressMessage,
  buildReviewMessage,
} from '../../../../core/slack/messages/messages';
import type { LedgerRecord } from '../../../../core/types/ledger';
import { minimalRecord, testFinding } from '../../../support/ledger-records';
import { mrkdwnTexts } from '../support/block-kit';

const MEMBER = '222233334444';
const AT = '2026-11-27T10:00:00.000Z';

const recordOf = (accountName?: string, withFinding = true): LedgerRecord => ({
  ...minimalRecord('f-member'),
  objectIdentity: `${MEMBER}/eu-west-1/payroll-exports/march.csv#abc`,
  ...(withFinding ? { finding: { ...testFinding('f-member'), accountId: MEMBER } } : {}),
  ...(accountName ? { accountName } : {}),
  version: 1,
  updatedAt: AT,
});

/** Every message a finding gets, from its ledger record. */
const everyMessage = (record: LedgerRecord) => {
  const result = { findingId: record.findingId, outcome: 'QUARANTINED' as const, source: record.source };
  return [
    buildReviewMessage({ finding: record, quarantineBucket: 'q' }),
    buildProgressMessage({ finding: record, actor: 'slack:U1', at: AT, action: 'remediate' }),
    buildOutcomeMessage({ finding: record, result, kind: 'remediate', actor: 'slack:U1', at: AT }),
    buildDismissedMessage({ finding: record, actor: 'slack:U1', at: AT }),
  ];
};

describe('Slack messages: the account name the ledger kept', () => {
  it.each([
    ['with the parsed finding', true],
    ['from a bare record', false],
  ])('every message shows "Payroll Prod (222233334444)" (%s)', (_, withFinding) => {
    for (const message of everyMessage(recordOf('Payroll Prod', withFinding))) {
      expect(mrkdwnTexts(message).join('\n')).toContain(`*Account*\nPayroll Prod (${MEMBER})`);
    }
  });

  it('shows the id alone when no name is known', () => {
    for (const message of everyMessage(recordOf())) {
      expect(mrkdwnTexts(message).join('\n')).toContain(`*Account*\n${MEMBER}\n`);
    }
  });

  it('escapes a name that tries to mention or link', () => {
    const [review] = everyMessage(recordOf('<!channel> <https://evil.example|Prod>'));
    const text = mrkdwnTexts(review as ReturnType<typeof buildReviewMessage>).join('\n');
    expect(text).toContain(`*Account*\n&lt;!channel&gt; &lt;https://evil.example|Prod&gt; (${MEMBER})`);
  });
});
