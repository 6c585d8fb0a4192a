import { canonicalJson } from '../ledger/canonical-json';
import { isPlainObject } from '../ledger/history-chain';
import type { ArchivedEvent, ArchiveVerdict } from '../types/audit';
import type { StoredHistory } from '../types/ledger';
import { ISO_TIME } from './appended-events';

/**
 * How late the archive may be. The stream delivers within seconds; a failing batch is bisected and retried
 * with backoff, and a quarter of an hour covers those retries. An archiver stuck for longer shows here as
 * events missing from the archive, which is what it is.
 */
const ARCHIVE_LAG_MS = 15 * 60_000;

const describeEvent = (event: unknown): string =>
  isPlainObject(event) ? `${String(event.action)} at ${String(event.at)}` : 'not an event';

const describeArchived = ({ event }: ArchivedEvent): string =>
  typeof event.hash === 'string' ? `${describeEvent(event)}, hash ${event.hash.slice(0, 12)}…` : describeEvent(event);

/**
 * A finding's stored history against its archived events, event by event at the same place: the first
 * difference breaks it. Every field is compared, `hash` included, so an event written before the chain (no
 * hash) is compared by content like any other. An event not in the archive is named when the archiver
 * archives its kind (an ISO time) and `owed` says its time is (old enough, and not older than the archive).
 */
function compareHistory(
  item: StoredHistory,
  archived: ReadonlyMap<number, ArchivedEvent>,
  owed: (at: string) => boolean,
): ArchiveVerdict {
  const findingId = String(item.findingId);
  const history: readonly unknown[] = Array.isArray(item.history) ? item.history : [];
  const length = Math.max(history.length, ...[...archived.keys()].map((index) => index + 1));
  let compared = false;
  for (let index = 0; index < length; index++) {
    const event = history[index];
    const copy = archived.get(index);
    const place = `event ${index + 1}`;
    if (copy === undefined) {
      const at = isPlainObject(event) ? event.at : undefined;
      if (typeof at !== 'string' || !ISO_TIME.test(at) || !owed(at)) continue;
      return { findingId, status: 'broken', reason: `${place} (${describeEvent(event)}) is missing from the archive` };
    }
    compared = true;
    if (event === undefined) {
      return {
        findingId,
        status: 'broken',
        reason: `the archive has ${place} the ledger does not (${describeArchived(copy)})`,
      };
    }
    if (canonicalJson(event) !== canonicalJson(copy.event)) {
      return {
        findingId,
        status: 'broken',
        reason: `${place} differs from the archive (archived ${describeArchived(copy)})`,
      };
    }
  }
  return { findingId, status: compared ? 'intact' : 'unarchived' };
}

/**
 * Checks the ledger against the audit archive: what the hash chain cannot catch, a history rewritten with
 * every hash recomputed, differs from the copy nobody can rewrite. One verdict per finding in the ledger,
 * then one per finding the archive holds and the ledger does not. Events older than the archive's first
 * were written before it existed and are not owed; `now` is the run's clock (the lag is measured from it).
 */
async function* compareWithArchive(
  histories: AsyncIterable<StoredHistory>,
  archived: readonly ArchivedEvent[],
  now: Date,
): AsyncIterable<ArchiveVerdict> {
  const byFinding = new Map<string, Map<number, ArchivedEvent>>();
  let archiveBegan: string | undefined;
  for (const entry of archived) {
    const events = byFinding.get(entry.findingId) ?? new Map<number, ArchivedEvent>();
    events.set(entry.index, entry);
    byFinding.set(entry.findingId, events);
    if (archiveBegan === undefined || entry.event.at < archiveBegan) archiveBegan = entry.event.at;
  }
  const owedUntil = new Date(now.getTime() - ARCHIVE_LAG_MS).toISOString();
  const owed = (at: string): boolean => archiveBegan !== undefined && at >= archiveBegan && at <= owedUntil;
  for await (const item of histories) {
    const findingId = String(item.findingId);
    yield compareHistory(item, byFinding.get(findingId) ?? new Map(), owed);
    byFinding.delete(findingId);
  }
  for (const [findingId, events] of byFinding) {
    yield {
      findingId,
      status: 'broken',
      reason: `the archive has ${events.size} event(s) of this finding; the ledger holds no record of it`,
    };
  }
}

export { ARCHIVE_LAG_MS, compareWithArchive };
