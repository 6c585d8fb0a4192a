import type { ArchivedEvent, LedgerItemChange } from '../types/audit';

/** Events are stamped with `toISOString()`; the archive files them by that day. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

type Item = Readonly<Record<string, unknown>>;

const historyOf = (item: Item | undefined): readonly unknown[] =>
  Array.isArray(item?.history) ? (item.history as unknown[]) : [];

const isEvent = (value: unknown): value is ArchivedEvent['event'] =>
  typeof value === 'object' && value !== null && typeof (value as { at?: unknown }).at === 'string';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The history events a write appended to a finding's item: the new history past the old one's length
 * (the ledger only ever appends, with `list_append`). Items without a history (object claims, restore
 * notes, tallies, the watermark) and removed items append nothing.
 */
function appendedEvents(change: LedgerItemChange): ArchivedEvent[] {
  const item = change.newItem;
  const findingId = text(item?.findingId);
  if (!item || !findingId) return [];
  const from = historyOf(change.oldItem).length;
  const source = (item.source ?? {}) as Item;
  const context = {
    findingId,
    findingType: text(item.findingType),
    severity: text(item.severity),
    bucket: text(source.bucket),
    key: text(source.key),
  };
  return historyOf(item)
    .map((event, index) => ({ event, index }))
    .slice(from)
    .filter((entry): entry is { event: ArchivedEvent['event']; index: number } => isEvent(entry.event))
    .filter(({ event }) => ISO_TIME.test(event.at))
    .map(({ event, index }) => ({ ...context, index, event }));
}

export { appendedEvents, ISO_TIME };
