import type { HistoryVerdict } from '../types/ledger';
import { genesisHash, isPlainObject, linkHash } from './history-chain';
import { CLAIM_KEY_PREFIX } from './ledger-item';
import { RESTORE_KEY_PREFIX } from './restore-item';
import { TALLY_KEY_PREFIX } from './review-tally-item';
import { WATERMARK_KEY } from './watermark-key';

/**
 * Whether a ledger key is a finding's. Told by the key, which no write can change, rather than by an
 * attribute such as `state` or `itemType`, which an edit could remove to hide an item from verification.
 */
const isFindingKey = (key: string): boolean =>
  key !== WATERMARK_KEY && ![CLAIM_KEY_PREFIX, RESTORE_KEY_PREFIX, TALLY_KEY_PREFIX].some((p) => key.startsWith(p));

const describeEvent = (event: Readonly<Record<string, unknown>>, index: number, count: number): string =>
  `event ${index + 1} of ${count} (${String(event.action)} at ${String(event.at)})`;

/**
 * Recomputes a stored finding item's history chain (core/ledger/history-chain) from its finding id.
 * - no event has a hash and the item keeps no chain: written before the chain, `unchained`;
 * - events without a hash before the first hashed one: that legacy prefix is checked through the first
 *   hashed event, which sealed it; an event without a hash after a hashed one was stripped: `broken`;
 * - every hash must be the one its place in the chain gives (an edit, a reorder, an event removed from
 *   the middle or moved from another finding all change it), and the item's kept `chain` must name the
 *   last event and count every event (events cut from the end, or appended by hand, show there).
 */
function verifyHistory(item: Readonly<Record<string, unknown>>): HistoryVerdict {
  const findingId = String(item.findingId);
  const broken = (reason: string): HistoryVerdict => ({ findingId, status: 'broken', reason });
  const history = item.history ?? [];
  if (!Array.isArray(history)) return broken('its history is not a list');
  const hashed = history.some((event) => isPlainObject(event) && 'hash' in event);
  if (!hashed && item.chain === undefined) return { findingId, status: 'unchained' };
  let head = genesisHash(findingId);
  let sealed = false;
  for (const [index, event] of history.entries()) {
    if (!isPlainObject(event)) return broken(`event ${index + 1} of ${history.length} is not an event`);
    head = linkHash(head, event);
    if ('hash' in event) {
      if (event.hash !== head) {
        return broken(
          `${describeEvent(event, index, history.length)} was altered, moved, or an event before it removed`,
        );
      }
      sealed = true;
    } else if (sealed) {
      return broken(`${describeEvent(event, index, history.length)} has lost its hash`);
    }
  }
  const chain = item.chain;
  if (!isPlainObject(chain) || typeof chain.head !== 'string' || typeof chain.length !== 'number') {
    return broken("the record's chain head is missing or malformed");
  }
  if (chain.length > history.length) return broken(`${chain.length - history.length} event(s) cut from the end`);
  if (chain.length < history.length) return broken(`${history.length - chain.length} event(s) added outside the chain`);
  if (!sealed && history.length > 0) return broken('its events lost their hashes');
  if (chain.head !== head) return broken("the last event is not the record's chain head");
  return { findingId, status: 'intact' };
}

export { isFindingKey, verifyHistory };
