import { SlackAnnouncer } from '../../../core/slack/SlackAnnouncer';
import type { SlackMessageRef } from '../../../core/types/ledger';
import type { RemediationResult } from '../../../core/types/outcome';
import type { EphemeralTarget, Notifier, SlackMessage } from '../../../core/types/ports';
import { buttons, buttonText, mrkdwnTexts } from './support/block-kit';
import { FINDING_ID, recordOf, reviewFinding } from './support/findings';

/** Records what would have been sent. */
class RecordingNotifier implements Notifier {
  readonly posted: SlackMessage[] = [];
  readonly updated: { ref: SlackMessageRef; message: SlackMessage }[] = [];

  async post(message: SlackMessage): Promise<SlackMessageRef> {
    this.posted.push(message);
    return { channel: 'C0REVIEW', ts: '1764237600.000100', postedAt: '2026-11-27T12:00:00.000Z' };
  }

  async update(ref: SlackMessageRef, message: SlackMessage): Promise<void> {
    this.updated.push({ ref, message });
  }

  async ephemeral(_target: EphemeralTarget, _text: string): Promise<void> {}
}

const ref: SlackMessageRef = { channel: 'C0REVIEW', ts: '1764237600.000100', postedAt: '2026-11-27T10:00:00.000Z' };
const source = { bucket: 'payroll-exports', key: 'hr/2026/salaries.csv' };
const result = (r: Partial<RemediationResult> & Pick<RemediationResult, 'outcome'>): RemediationResult => ({
  findingId: FINDING_ID,
  source,
  ...r,
});

function setup() {
  const notifier = new RecordingNotifier();
  const announcer = new SlackAnnouncer({
    notifier,
    quarantineBucket: 'acme-quarantine',
    clock: () => new Date('2026-11-27T12:00:00.000Z'),
  });
  return { notifier, announcer };
}

const names = (message: SlackMessage | undefined) => (message ? buttons(message).map(buttonText) : []);

describe('Class: SlackAnnouncer', () => {
  it('posts the review message with the policy reason and returns its ref', async () => {
    // Prepare
    const { notifier, announcer } = setup();

    // Act
    const posted = await announcer.review({ ...recordOf(reviewFinding()), remediation: 'SEAL' });

    // Assess
    expect(posted).toMatchObject({ channel: 'C0REVIEW', ts: '1764237600.000100' });
    expect(names(notifier.posted[0])).toEqual([
      'Remediate',
      'Quarantine instead',
      'Tag instead',
      'Dismiss',
      'Dismiss and suppress similar',
      'Exempt',
    ]);
    expect(mrkdwnTexts(notifier.posted[0] ?? { text: '', blocks: [] }).join('\n')).toContain(
      'seals the object in place',
    );
    expect(mrkdwnTexts(notifier.posted[0] ?? { text: '', blocks: [] }).join('\n')).toContain('type is set to REVIEW');
  });

  it('quotes the record’s policy reason, whatever its first event says', async () => {
    // Prepare
    const { notifier, announcer } = setup();
    const firstEvent = { at: '2026-11-27T10:00:00.000Z', actor: 'cli:alice', action: 'admitted', detail: 'by hand' };
    const record = recordOf(reviewFinding(), { decisionReason: 'severity is High', history: [firstEvent] });

    // Act
    await announcer.review(record);

    // Assess
    const text = mrkdwnTexts(notifier.posted[0] ?? { text: '', blocks: [] }).join('\n');
    expect(text).toContain('severity is High');
    expect(text).not.toContain('by hand');
  });

  it('offers the retry of the job that ran, as its caller names it, not as the record’s state suggests', async () => {
    // Prepare
    const { notifier, announcer } = setup();
    const record = recordOf(reviewFinding(), { slack: ref, state: 'QUARANTINED' });

    // Act
    await announcer.outcome(record, result({ outcome: 'FAILED' }), 'slack:U0APPROVER', 'remediate');

    // Assess
    expect(names(notifier.updated[0]?.message)).toEqual(['Remediate']);
  });

  it('replaces the buttons with progress, then the outcome, on the finding’s own message', async () => {
    // Prepare
    const { notifier, announcer } = setup();
    const record = recordOf(reviewFinding(), { slack: ref, state: 'REMEDIATING' });

    // Act
    await announcer.progress(record, 'slack:U0APPROVER', 'remediate');
    const posted = await announcer.outcome(
      { ...record, state: 'QUARANTINED' },
      result({ outcome: 'QUARANTINED', quarantine: { bucket: 'acme-quarantine', key: 'k' } }),
      'slack:U0APPROVER',
      'remediate',
    );

    // Assess
    expect(posted).toBeUndefined();
    expect(notifier.posted).toEqual([]);
    expect(notifier.updated.map((u) => u.ref)).toEqual([ref, ref]);
    expect(names(notifier.updated[0]?.message)).toEqual([]);
    expect(names(notifier.updated[1]?.message)).toEqual(['Restore']);
  });

  it('posts a new message for an AUTO outcome that has no message yet', async () => {
    // Prepare
    const { notifier, announcer } = setup();
    const record = recordOf(reviewFinding(), { state: 'QUARANTINED', decision: 'AUTO' });

    // Act
    const posted = await announcer.outcome(
      record,
      result({ outcome: 'QUARANTINED', quarantine: { bucket: 'acme-quarantine', key: 'k' } }),
      'auto',
      'remediate',
    );

    // Assess
    expect(posted).toMatchObject({ ts: '1764237600.000100' });
    expect(notifier.posted[0]?.text).toMatch(/^Quarantined automatically:/);
  });

  it.each([
    ['a failed remediation', 'FAILED', 'FAILED', 'remediate', 'Remediate'],
    ['a failed restore (the finding stays quarantined)', 'QUARANTINED', 'FAILED', 'restore', 'Restore'],
  ] as const)('offers the right retry after %s', async (_name, state, outcome, kind, retry) => {
    // Prepare
    const { notifier, announcer } = setup();

    // Act
    const record = recordOf(reviewFinding(), { slack: ref, state });
    await announcer.outcome(record, result({ outcome }), 'slack:U0APPROVER', kind);

    // Assess
    expect(names(notifier.updated[0]?.message)).toEqual([retry]);
  });

  it('updates the message on dismissal and stays silent where there is no message to update', async () => {
    // Prepare
    const { notifier, announcer } = setup();
    const withMessage = recordOf(reviewFinding(), { slack: ref, state: 'DISMISSED' });
    const withoutMessage = recordOf(reviewFinding(), { state: 'DISMISSED' });

    // Act
    await announcer.dismissed(withMessage, 'slack:U0APPROVER');
    await announcer.dismissed(withoutMessage, 'slack:U0APPROVER');
    await announcer.progress(withoutMessage, 'slack:U0APPROVER', 'restore');

    // Assess
    expect(notifier.updated).toHaveLength(1);
    expect(notifier.updated[0]?.message.text).toMatch(/^Dismissed:/);
    expect(notifier.posted).toEqual([]);
  });
});
