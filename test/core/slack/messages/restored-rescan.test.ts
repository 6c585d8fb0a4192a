import { buildRestoredRescanReason } from '../../../../core/slack/messages/restored-rescan';
import { plainActor, plainTime } from '../../../../core/slack/messages/text';

describe('Function: buildRestoredRescanReason', () => {
  it('names who restored the object, when, and which finding, in plain text', () => {
    expect(
      buildRestoredRescanReason({
        actor: 'slack:U0ALICE001',
        restoredAt: '2026-11-27T12:34:56.789Z',
        findingId: 'f-1',
      }),
    ).toBe('restored by @U0ALICE001 on 2026-11-27 12:34 UTC (finding f-1); the object is unchanged since');
  });
});

describe('Function: plainActor', () => {
  it.each([
    ['slack:U0ALICE001', '@U0ALICE001'],
    ['cli:ops', 'ops (CLI)'],
    ['auto', 'automatic remediation (policy)'],
    ['slack:<!channel>', 'slack:<!channel>'],
  ])('shows %s as %s', (actor, shown) => {
    expect(plainActor(actor)).toBe(shown);
  });
});

describe('Function: plainTime', () => {
  it('shows an instant in UTC to the minute, and anything else as it is', () => {
    expect(plainTime('2026-11-27T14:34:56+02:00')).toBe('2026-11-27 12:34 UTC');
    expect(plainTime('soon')).toBe('soon');
  });
});
