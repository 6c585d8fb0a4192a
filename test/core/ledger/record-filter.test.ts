import { matchesFilter, recordFilter } from '../../../core/ledger/record-filter';
import type { LedgerRecord } from '../../../core/types/ledger';
import { testRecord } from '../../support/ledger-records';

const record = (createdAt: string, state: LedgerRecord['state'] = 'AWAITING_REVIEW'): LedgerRecord => ({
  ...testRecord('f-1', { createdAt, state }),
  version: 1,
  updatedAt: createdAt,
});

describe('Function: recordFilter', () => {
  it('brings bounds to the form records store', () => {
    expect(recordFilter({ since: '2026-11-01', until: '2026-11-01T02:00:00+02:00' })).toStrictEqual({
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-01T00:00:00.000Z',
    });
  });

  it('drops an empty state list and absent bounds', () => {
    expect(recordFilter({ states: [] })).toStrictEqual({});
    expect(recordFilter()).toStrictEqual({});
  });

  it('names the bad bound as a usage error', () => {
    expect(() => recordFilter({ until: 'soon' })).toThrow(
      expect.objectContaining({ code: 'USAGE', source: 'user', message: expect.stringContaining('--until') }),
    );
  });
});

describe('Function: matchesFilter', () => {
  const filter = recordFilter({ states: ['QUARANTINED'], since: '2026-11-01', until: '2026-11-02' });

  it.each([
    ['at since', '2026-11-01T00:00:00.000Z', 'QUARANTINED', true],
    ['just before until', '2026-11-01T23:59:59.999Z', 'QUARANTINED', true],
    ['at until', '2026-11-02T00:00:00.000Z', 'QUARANTINED', false],
    ['before since', '2026-10-31T23:59:59.999Z', 'QUARANTINED', false],
    ['in another state', '2026-11-01T12:00:00.000Z', 'RESTORED', false],
  ] as const)('takes a record created %s: %s', (_, createdAt, state, expected) => {
    expect(matchesFilter(record(createdAt, state), filter)).toBe(expected);
  });
});
