import {
  buildDismissedMessage,
  buildOutcomeMessage,
  buildProgressMessage,
  type OutcomeMessageInput,
} from '../../../../core/slack/messages/messages';
import type { Outcome, RemediationResult } from '../../../../core/types/outcome';
import { OUTCOMES } from '../../../../core/types/outcome';
import { buttons, buttonText, controlSequences, limitViolations, mrkdwnTexts } from '../support/block-kit';
import { FINDING_ID, recordOf, reviewFinding } from '../support/findings';

const AT = '2026-11-27T12:00:00.000Z';
const AT_DATE = '<!date^1795780800^{date_short_pretty} {time}|2026-11-27T12:00:00.000Z>';
const record = recordOf(reviewFinding());
const source = { bucket: 'payroll-exports', key: 'hr/2026/salaries.csv', versionId: 'Lw8q.5Nb_3x9Qm0' };
const quarantine = { bucket: 'acme-quarantine', key: `111122223333/payroll-exports/hr/2026/salaries.csv` };

const outcome = (
  result: Partial<RemediationResult> & { outcome: Outcome },
  overrides: Partial<OutcomeMessageInput> = {},
) =>
  buildOutcomeMessage({
    finding: record,
    result: { findingId: FINDING_ID, source, ...result },
    kind: 'remediate',
    actor: 'slack:U0APPROVER',
    at: AT,
    quarantineBucket: 'acme-quarantine',
    ...overrides,
  });

const text = (message: ReturnType<typeof outcome>) => mrkdwnTexts(message).join('\n');
const buttonNames = (message: ReturnType<typeof outcome>) => buttons(message).map(buttonText);

describe('Function: buildOutcomeMessage', () => {
  it('QUARANTINED says who approved, when, and where the object is now, and offers a confirmed Restore', () => {
    // Act
    const message = outcome({ outcome: 'QUARANTINED', quarantine });

    // Assess
    expect(text(message)).toContain(`*Quarantined* by <@U0APPROVER> on ${AT_DATE}.`);
    expect(text(message)).toContain(`now at \`s3://acme-quarantine/${quarantine.key}\``);
    const [restore, ...rest] = buttons(message);
    expect(rest).toEqual([]);
    expect(restore).toMatchObject({ action_id: 'restore', value: FINDING_ID, style: 'primary' });
    expect(buttonText(restore ?? {})).toBe('Restore');
    expect(restore?.confirm).toMatchObject({ confirm: { text: 'Restore' }, deny: { text: 'Cancel' } });
    expect(message.text).toBe('Quarantined: s3://payroll-exports/hr/2026/salaries.csv');
  });

  it('QUARANTINED by policy says it happened automatically', () => {
    // Act
    const message = outcome({ outcome: 'QUARANTINED', quarantine }, { actor: 'auto' });

    // Assess
    expect(message.text).toMatch(/^Quarantined automatically:/);
    expect(text(message)).toContain('*Quarantined automatically* (policy: AUTO for this finding type)');
    expect(buttonNames(message)).toEqual(['Restore']);
  });

  it('names a CLI actor as text, never as a mention', () => {
    // Act
    const message = outcome({ outcome: 'QUARANTINED', quarantine }, { actor: 'cli:<!channel>' });

    // Assess
    expect(text(message)).toContain('by `&lt;!channel&gt;` (CLI)');
    expect(controlSequences(message).some((c) => c.includes('channel'))).toBe(false);
  });

  it('ALREADY_QUARANTINED says nothing else moved and still offers Restore', () => {
    const message = outcome({ outcome: 'ALREADY_QUARANTINED', quarantine });
    expect(text(message)).toContain('*Already in quarantine* at `s3://acme-quarantine/');
    expect(text(message)).toContain('nothing else was moved');
    expect(buttonNames(message)).toEqual(['Restore']);
  });

  it.each([
    [
      'SOURCE_MISSING',
      'remediate',
      '*Nothing was moved:* the object is no longer at `s3://payroll-exports/hr/2026/salaries.csv`',
    ],
    ['SOURCE_MISSING', 'restore', '*Not restored:* the quarantined copy is missing'],
    ['STALE', 'remediate', '*Nothing was moved:* the object changed after Macie scanned it (ETag differs)'],
    ['CONFLICT', 'restore', '*Not restored:* an object now exists at `s3://payroll-exports/hr/2026/salaries.csv`'],
  ] as const)('%s after a %s run explains itself and offers no button', (result, kind, expected) => {
    // Act
    const message = outcome({ outcome: result, reason: 'ETag differs', quarantine }, { kind });

    // Assess
    expect(text(message)).toContain(expected);
    expect(buttons(message)).toEqual([]);
  });

  it('RESTORED says who, when and that the object is back where it was', () => {
    const message = outcome({ outcome: 'RESTORED', quarantine }, { kind: 'restore' });
    expect(text(message)).toContain(
      `*Restored* by <@U0APPROVER> on ${AT_DATE}.\nThe object is back at \`s3://payroll-exports/hr/2026/salaries.csv\`.`,
    );
    expect(buttons(message)).toEqual([]);
  });

  it('FAILED explains the failure in plain words and offers the same action again', () => {
    // Act
    const remediation = outcome({ outcome: 'FAILED', reason: 'copy failed: AccessDenied <@U0EVIL>' });
    const restore = outcome({ outcome: 'FAILED', reason: 'copy failed' }, { kind: 'restore' });

    // Assess
    expect(text(remediation)).toContain('*Remediation failed* (copy failed: AccessDenied &lt;@U0EVIL&gt;)');
    expect(text(remediation)).toContain('Nothing was lost');
    expect(buttons(remediation)).toEqual([expect.objectContaining({ action_id: 'remediate', value: FINDING_ID })]);
    expect(buttonNames(remediation)).toEqual(['Remediate']);
    expect(text(restore)).toContain('*Restore failed* (copy failed)');
    expect(buttonNames(restore)).toEqual(['Restore']);
  });

  it.each(OUTCOMES.map((o) => [o]))('%s builds a message within every Slack limit, even with a huge reason', (o) => {
    // Act
    const message = outcome({ outcome: o, reason: '<&>'.repeat(3000), quarantine });

    // Assess
    expect(limitViolations(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('matches the quarantined layout', () => {
    expect(outcome({ outcome: 'QUARANTINED', quarantine })).toMatchSnapshot();
  });
});

describe('Function: buildProgressMessage', () => {
  it.each([
    ['remediate', 'Remediation in progress'],
    ['restore', 'Restore in progress'],
  ] as const)('shows %s in progress by the clicking user, with no buttons', (action, words) => {
    // Act
    const message = buildProgressMessage({ finding: record, actor: 'slack:U0APPROVER', at: AT, action });

    // Assess
    expect(text(message)).toContain(`${words}, started by <@U0APPROVER> on ${AT_DATE}.`);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('Function: buildDismissedMessage', () => {
  it('says who dismissed it and when, with no buttons', () => {
    // Act
    const message = buildDismissedMessage({ finding: reviewFinding(), actor: 'slack:U0APPROVER', at: AT });

    // Assess
    expect(text(message)).toContain(`*Dismissed* by <@U0APPROVER> on ${AT_DATE}. The object stays where it is.`);
    expect(message.text).toBe('Dismissed: s3://payroll-exports/hr/2026/salaries.csv');
    expect(buttons(message)).toEqual([]);
  });
});
