import { genesisHash, linkHash, nextLink } from '../../../core/ledger/history-chain';
import { itemFromRecord } from '../../../core/ledger/ledger-item';
import { isFindingKey, verifyHistory } from '../../../core/ledger/verify-history';
import type { LedgerEvent, LedgerRecord } from '../../../core/types/ledger';
import { testRecord } from '../../support/ledger-records';

type Item = Record<string, unknown>;
type StoredEvents = (LedgerEvent & { hash?: string })[];

const EVENTS: LedgerEvent[] = [
  { at: '2026-11-27T10:00:00.000Z', actor: 'auto', action: 'received', detail: 'type is set to REVIEW' },
  { at: '2026-11-27T10:00:01.000Z', actor: 'system', action: 'announced' },
  { at: '2026-11-27T12:30:00.000Z', actor: 'slack:U0APPROVER', action: 'remediate-requested' },
  { at: '2026-11-27T12:31:00.000Z', actor: 'slack:U0APPROVER', action: 'quarantined', outcome: 'QUARANTINED' },
];

/** A finding item as the ledger stores it, its history chained by the ledger's own item builder. */
function chainedItem(findingId = 'f-chain', history: readonly LedgerEvent[] = EVENTS): Item {
  const record: LedgerRecord = {
    ...testRecord(findingId),
    history,
    version: history.length,
    updatedAt: history[0]?.at ?? '',
  };
  return JSON.parse(JSON.stringify(itemFromRecord(record)));
}

/** The item with its stored history (hashes included) replaced by `edit`'s, as a hand edit of the table would. */
function edited(item: Item, edit: (history: StoredEvents) => StoredEvents, chain?: unknown): Item {
  return { ...item, history: edit(structuredClone(item.history as StoredEvents)), chain: chain ?? item.chain };
}

/** Appends through the ledger's own link function, as both ledgers do. */
function appended(item: Item, event: LedgerEvent): Item {
  const link = nextLink(String(item.findingId), item, event);
  return { ...item, history: [...(item.history as StoredEvents), link.event], chain: link.chain };
}

describe('Function: verifyHistory', () => {
  it('finds a chained history intact, and one extended event by event intact too', () => {
    // Prepare
    const begun = chainedItem('f-chain', EVENTS.slice(0, 1));

    // Act
    const extended = EVENTS.slice(1).reduce(appended, begun);

    // Assess
    expect(verifyHistory(chainedItem())).toStrictEqual({ findingId: 'f-chain', status: 'intact' });
    expect(verifyHistory(extended)).toStrictEqual({ findingId: 'f-chain', status: 'intact' });
    expect(extended.history).toStrictEqual(chainedItem().history);
  });

  it('chains the first event to the finding id, and each next one to the hash before it', () => {
    const history = chainedItem().history as StoredEvents;
    const { hash: _, ...first } = history[0] as StoredEvents[number];
    expect(history[0]?.hash).toBe(linkHash(genesisHash('f-chain'), first));
    expect(history[1]?.hash).toBe(linkHash(history[0]?.hash as string, history[1]));
    expect(chainedItem().chain).toStrictEqual({ head: history[3]?.hash, length: 4 });
  });

  it('names an event whose field was edited', () => {
    const item = edited(chainedItem(), (h) => h.map((e, i) => (i === 2 ? { ...e, actor: 'slack:U0SOMEONE' } : e)));
    expect(verifyHistory(item)).toStrictEqual({
      findingId: 'f-chain',
      status: 'broken',
      reason:
        'event 3 of 4 (remediate-requested at 2026-11-27T12:30:00.000Z) was altered, moved, or an event before it removed',
    });
  });

  it('catches a field added to an event, and a field removed from one', () => {
    const added = edited(chainedItem(), (h) => h.map((e, i) => (i === 1 ? { ...e, reason: 'backdated' } : e)));
    const removed = edited(chainedItem(), (h) => h.map(({ detail: _, ...e }) => e));
    expect(verifyHistory(added)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 2 of 4/) });
    expect(verifyHistory(removed)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 1 of 4/) });
  });

  it('covers fields it does not know, so an event with a reason is chained and its reason cannot change', () => {
    // Prepare
    const withReason = appended(chainedItem(), {
      ...EVENTS[1],
      action: 'dismissed',
      reason: 'test data',
    } as LedgerEvent);

    // Act
    const changed = edited(withReason, (h) => h.map((e, i) => (i === 4 ? { ...e, reason: 'other' } : e)));

    // Assess
    expect(verifyHistory(withReason)).toMatchObject({ status: 'intact' });
    expect(verifyHistory(changed)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 5 of 5/) });
  });

  it('catches two events swapped, even with their hashes swapped too', () => {
    const item = edited(chainedItem(), (h) => [h[0], h[2], h[1], h[3]] as StoredEvents);
    expect(verifyHistory(item)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 2 of 4/) });
  });

  it('catches an event dropped from the middle, with the chain length fixed to match', () => {
    const item = edited(chainedItem(), (h) => h.filter((_, i) => i !== 1), {
      ...(chainedItem().chain as object),
      length: 3,
    });
    expect(verifyHistory(item)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 2 of 3/) });
  });

  it('catches the last event dropped, by the chain the item keeps', () => {
    const item = edited(chainedItem(), (h) => h.slice(0, 3));
    expect(verifyHistory(item)).toStrictEqual({
      findingId: 'f-chain',
      status: 'broken',
      reason: '1 event(s) cut from the end',
    });
  });

  it('catches the last event dropped with the length fixed, by the head', () => {
    const item = edited(chainedItem(), (h) => h.slice(0, 3), { ...(chainedItem().chain as object), length: 3 });
    expect(verifyHistory(item)).toMatchObject({
      status: 'broken',
      reason: "the last event is not the record's chain head",
    });
  });

  it('catches an event appended by hand, hashed or not', () => {
    const extra = { at: '2026-11-28T00:00:00.000Z', actor: 'cli:mallory', action: 'restored' };
    const unhashed = edited(chainedItem(), (h) => [...h, extra]);
    const rehashed = { ...appended(chainedItem(), extra), chain: chainedItem().chain };
    expect(verifyHistory(unhashed)).toMatchObject({
      status: 'broken',
      reason: expect.stringMatching(/^event 5 of 5 .* lost its hash$/),
    });
    expect(verifyHistory(rehashed)).toMatchObject({ status: 'broken', reason: '1 event(s) added outside the chain' });
  });

  it('catches a hash stripped from an event after a hashed one, and every hash stripped while the chain stays', () => {
    const one = edited(chainedItem(), (h) => h.map(({ hash, ...e }, i) => (i === 2 ? e : { ...e, hash })));
    const all = edited(chainedItem(), (h) => h.map(({ hash: _, ...e }) => e));
    expect(verifyHistory(one)).toMatchObject({
      status: 'broken',
      reason: expect.stringMatching(/^event 3 of 4 .* lost its hash$/),
    });
    expect(verifyHistory(all)).toMatchObject({ status: 'broken', reason: 'its events lost their hashes' });
  });

  it("catches the item's chain removed or replaced", () => {
    const { chain: _, ...withoutChain } = chainedItem();
    expect(verifyHistory(withoutChain)).toMatchObject({
      status: 'broken',
      reason: "the record's chain head is missing or malformed",
    });
    expect(verifyHistory({ ...chainedItem(), chain: 'x' })).toMatchObject({ status: 'broken' });
  });

  it("catches another finding's history copied onto this one, hashes and chain included", () => {
    const other = chainedItem('f-other');
    const item = { ...chainedItem('f-chain'), history: other.history, chain: other.chain };
    expect(verifyHistory(item)).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^event 1 of 4/) });
  });

  it('catches a history that is no list, or an event that is no event', () => {
    expect(verifyHistory({ ...chainedItem(), history: 'gone' })).toMatchObject({ reason: 'its history is not a list' });
    expect(verifyHistory(edited(chainedItem(), (h) => [h[0], 'x', h[2], h[3]] as StoredEvents))).toMatchObject({
      reason: 'event 2 of 4 is not an event',
    });
  });

  it('reports a history written before the chain as unchained, not broken', () => {
    const { chain: _, history, ...item } = chainedItem();
    const legacy = { ...item, history: (history as StoredEvents).map(({ hash: __, ...e }) => e) };
    expect(verifyHistory(legacy)).toStrictEqual({ findingId: 'f-chain', status: 'unchained' });
    expect(verifyHistory(item)).toStrictEqual({ findingId: 'f-chain', status: 'unchained' });
  });

  it('seals a legacy history with the first event appended to it: intact after, broken if edited after', () => {
    // Prepare
    const { chain: _, history, ...item } = chainedItem('f-chain', EVENTS.slice(0, 2));
    const legacy = { ...item, history: (history as StoredEvents).map(({ hash: __, ...e }) => e) };

    // Act
    const sealed = appended(legacy, EVENTS[2] as LedgerEvent);
    const backdated = edited(sealed, (h) => h.map((e, i) => (i === 0 ? { ...e, at: '2026-11-01T00:00:00.000Z' } : e)));

    // Assess
    expect(verifyHistory(sealed)).toStrictEqual({ findingId: 'f-chain', status: 'intact' });
    expect(verifyHistory(backdated)).toMatchObject({
      status: 'broken',
      reason: expect.stringMatching(/^event 3 of 3/),
    });
  });
});

describe('Function: isFindingKey', () => {
  it('tells findings from the items of other kinds the table holds', () => {
    expect(isFindingKey('5ca9e8d1b8f7c6a4e3d2c1b0a9f8e7d6')).toBe(true);
    for (const key of [
      'object#111122223333/eu-west-1/b/k#v',
      'restored#111122223333/eu-west-1/b/k',
      'reviews#C1/2026-11-27T12:00',
      'reconcile#watermark',
    ]) {
      expect(isFindingKey(key)).toBe(false);
    }
  });
});
