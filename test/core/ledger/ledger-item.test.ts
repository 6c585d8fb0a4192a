import { chainHistory } from '../../../core/ledger/history-chain';
import { asStored, claimKey, itemFromRecord, patchFields, recordFromItem } from '../../../core/ledger/ledger-item';
import type { LedgerRecord } from '../../../core/types/ledger';
import { minimalRecord, testRecord } from '../../support/ledger-records';

const stored = (overrides: Partial<LedgerRecord> = {}): LedgerRecord => ({
  ...testRecord('f-1'),
  version: 3,
  updatedAt: '2026-11-27T12:00:00.000Z',
  ...overrides,
});

describe('Function: itemFromRecord', () => {
  it('adds the schema version, hashes the history and keeps its chain beside it', () => {
    const { history, chain } = chainHistory('f-1', stored().history);
    expect(itemFromRecord(stored())).toStrictEqual({ ...stored(), history, chain, schemaVersion: 2 });
    expect(history).toEqual(
      stored().history.map((event) => ({ ...event, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })),
    );
  });
});

describe('Function: recordFromItem', () => {
  it('round-trips a record exactly', () => {
    expect(recordFromItem(itemFromRecord(stored()))).toStrictEqual({ record: stored() });
  });

  it('fills what an earlier version never wrote', () => {
    const { history: _, ...old } = minimalRecord('f-old');
    expect(recordFromItem(old)).toStrictEqual({
      record: { ...old, history: [], version: 0, updatedAt: old.createdAt },
    });
  });

  it('reads the policy reason from its field, or from the first event of a version-1 item, where that version kept it', () => {
    const { decisionReason: _, ...fields } = stored();

    expect(recordFromItem({ ...stored(), schemaVersion: 2 })).toStrictEqual({ record: stored() });
    expect(recordFromItem({ ...fields, schemaVersion: 1 })).toStrictEqual({ record: stored() });
    expect(recordFromItem(fields)).toStrictEqual({ record: stored() });
    expect(recordFromItem({ ...fields, schemaVersion: 2 })).toStrictEqual({ record: fields });
  });

  it('ignores members it does not know, at every level', () => {
    const item = {
      ...itemFromRecord(stored()),
      retention: '7y',
      source: { ...stored().source, region: 'eu-west-1' },
      history: [{ ...stored().history[0], ip: '10.0.0.1' }],
    };
    expect(recordFromItem(item)).toStrictEqual({ record: stored() });
  });

  it('says what is wrong with an item it cannot read', () => {
    const result = recordFromItem({ ...itemFromRecord(stored()), state: 'LOST', source: undefined });
    expect(result).toStrictEqual({ problem: expect.stringMatching(/^state: .*; source: /) });
  });

  it('does not take an object claim for a record', () => {
    expect(recordFromItem({ findingId: claimKey('a/b/c/d#'), owner: 'f-1' })).toHaveProperty('problem');
  });
});

describe('Function: asStored', () => {
  it('drops undefined members and copies deeply', () => {
    const record = stored({ linkedTo: undefined });
    const copy = asStored(record);
    expect(copy).not.toHaveProperty('linkedTo');
    expect(copy).toStrictEqual(stored());
    expect(copy.history).not.toBe(record.history);
    expect(copy.finding).not.toBe(record.finding);
  });

  it('throws before a malformed record is written', () => {
    expect(() => asStored(stored({ version: -1 }))).toThrow(
      expect.objectContaining({ code: 'INTERNAL', context: { findingId: 'f-1' } }),
    );
  });
});

describe('Function: patchFields', () => {
  it('keeps the allowed, defined members only', () => {
    const patch = { slack: undefined, notificationOwed: false, linkedTo: 'f-2', quarantine: { bucket: 'q', key: 'k' } };
    expect(patchFields(patch, ['slack', 'notificationOwed'])).toStrictEqual([['notificationOwed', false]]);
    expect(patchFields(undefined, ['slack'])).toStrictEqual([]);
  });
});
