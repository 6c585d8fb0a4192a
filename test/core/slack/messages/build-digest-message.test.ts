import { buildDigestMessage } from '../../../../core/slack/messages/digest';
import type { ReviewDigest } from '../../../../core/types/ports';
import { buttons, controlSequences, limitViolations, mrkdwnTexts } from '../support/block-kit';

const digest = (overrides: Partial<ReviewDigest> = {}): ReviewDigest => ({
  windowStart: '2026-11-27T12:00:00.000Z',
  windowEnd: '2026-11-27T12:05:00.000Z',
  total: 300,
  posted: 20,
  groups: [
    { bucket: 'hr-archive', type: 'SensitiveData:S3Object/Personal', count: 100 },
    { bucket: 'payroll-exports', type: 'SensitiveData:S3Object/Financial', count: 200 },
  ],
  ...overrides,
});

describe('Function: buildDigestMessage', () => {
  it('counts the findings by bucket and type, most first, and says how to review them from the terminal', () => {
    // Act
    const message = buildDigestMessage(digest());
    const text = mrkdwnTexts(message).join('\n');

    // Assess
    expect(message.text).toBe(
      '280 more findings awaiting review (300 since 2026-11-27T12:00:00.000Z); review them from the terminal',
    );
    expect(text).toContain('the first 20 are posted above, one by one; the other *280* are only counted here');
    expect(text.indexOf('`payroll-exports` `Financial`: *200*')).toBeLessThan(
      text.indexOf('`hr-archive` `Personal`: *100*'),
    );
    expect(text).toContain('macie-remediate list findings --status awaiting_review --since 2026-11-27T12:00:00.000Z');
    expect(text).toContain('macie-remediate remediate --since 2026-11-27T12:00:00.000Z --plan plan.json');
    expect(buttons(message)).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('shows fifteen groups and counts the rest, escaping hostile bucket names', () => {
    // Prepare
    const groups = Array.from({ length: 40 }, (_, i) => ({
      bucket: `<!channel>-${i}`,
      type: 'SensitiveData:S3Object/Personal',
      count: 40 - i,
    }));

    // Act
    const message = buildDigestMessage(digest({ groups }));

    // Assess
    const text = mrkdwnTexts(message).join('\n');
    expect(text).toContain('…and 25 more');
    expect(text).not.toContain('`&lt;!channel&gt;-15`');
    expect(controlSequences(message).filter((c) => c.includes('channel'))).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });
});
