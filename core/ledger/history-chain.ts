import { createHash } from 'node:crypto';
import type { LedgerEvent } from '../types/ledger';
import { canonicalJson } from './canonical-json';

/**
 * A finding's history as a hash chain. Each stored event carries `hash`: SHA-256 (hex) over the canonical
 * JSON of `{ event, previous }`, where `event` is every field of the event but `hash` (so fields added
 * later are covered without a change here) and `previous` is the hash of the event before it. The first
 * event's `previous` is the finding's genesis hash, derived from its finding id, so an event copied to
 * another finding does not fit there. The item keeps the chain's `head` and `length` beside the history,
 * written in the same conditional write as the event, so cutting events off the end shows too.
 *
 * Events written before the chain existed carry no hash: they are chained as if they did (their links
 * are computed, not stored), so the first hashed event seals them.
 */
interface HistoryChain {
  /** The last event's hash; the genesis hash while the history is empty. */
  readonly head: string;
  /** How many events the history holds. */
  readonly length: number;
}

type StoredEvent = LedgerEvent & { readonly hash: string };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const genesisHash = (findingId: string): string => sha256(canonicalJson({ findingId }));

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The hash an event (as stored, its own `hash` ignored) has after `previous`. */
function linkHash(previous: string, event: unknown): string {
  const fields = isPlainObject(event) ? Object.fromEntries(Object.entries(event).filter(([k]) => k !== 'hash')) : event;
  return sha256(canonicalJson({ event: fields, previous }));
}

/** A new record's history, hashed from the finding's genesis on. */
function chainHistory(
  findingId: string,
  events: readonly LedgerEvent[],
): { readonly history: readonly StoredEvent[]; readonly chain: HistoryChain } {
  let head = genesisHash(findingId);
  const history = events.map((event) => {
    head = linkHash(head, event);
    return { ...event, hash: head };
  });
  return { history, chain: { head, length: history.length } };
}

/**
 * The chain a stored item ends in: the kept one, or (an item written before the chain) the head its
 * events would have, taking the hash an event carries where it has one.
 */
function storedChain(findingId: string, item: Readonly<Record<string, unknown>>): HistoryChain {
  const kept = item.chain;
  if (isPlainObject(kept) && typeof kept.head === 'string' && typeof kept.length === 'number') {
    return { head: kept.head, length: kept.length };
  }
  const history = Array.isArray(item.history) ? item.history : [];
  let head = genesisHash(findingId);
  for (const event of history)
    head = isPlainObject(event) && typeof event.hash === 'string' ? event.hash : linkHash(head, event);
  return { head, length: history.length };
}

/** `event` as stored after the chain `before`, and the chain it makes. */
function linkAfter(
  before: HistoryChain,
  event: LedgerEvent,
): { readonly event: StoredEvent; readonly chain: HistoryChain } {
  const hash = linkHash(before.head, event);
  return { event: { ...event, hash }, chain: { head: hash, length: before.length + 1 } };
}

/** `event` as stored after the item's last event, and the chain it makes. */
const nextLink = (findingId: string, item: Readonly<Record<string, unknown>>, event: LedgerEvent) =>
  linkAfter(storedChain(findingId, item), event);

export type { HistoryChain, StoredEvent };
export { chainHistory, genesisHash, isPlainObject, linkAfter, linkHash, nextLink, storedChain };
