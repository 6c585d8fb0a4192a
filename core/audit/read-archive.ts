import type { ArchivedEvent, AuditArchive } from '../types/audit';
import { ARCHIVE_PREFIX, dayPrefix } from './archive-key';

interface ArchiveWindow {
  /** ISO-8601, inclusive. */
  readonly since?: string;
  /** ISO-8601, exclusive. */
  readonly until?: string;
}

const inWindow = (at: string, { since, until }: ArchiveWindow): boolean =>
  (since === undefined || at >= since) && (until === undefined || at < until);

/**
 * The archived events in the window, each once, oldest first. Only the day folders the window touches are
 * read (keys sort as dates). A batch Lambda split or retried may have archived an event in two objects: the
 * finding and the event's place in its history name it, so the copies count once.
 */
async function readArchive(archive: AuditArchive, window: ArchiveWindow): Promise<ArchivedEvent[]> {
  const lastDay = window.until === undefined ? undefined : dayPrefix(window.until);
  // Keys after "audit/YYYY/MM/DD" and before "audit/YYYY/MM/DD/" do not exist, so this starts at the first day.
  const startAfter = window.since === undefined ? undefined : dayPrefix(window.since).slice(0, -1);
  const events = new Map<string, ArchivedEvent>();
  for await (const key of archive.keys(ARCHIVE_PREFIX, startAfter)) {
    if (lastDay !== undefined && key > `${lastDay}\uffff`) break;
    for (const line of (await archive.read(key)).split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as ArchivedEvent;
      if (inWindow(entry.event.at, window)) events.set(`${entry.findingId}\u0000${entry.index}`, entry);
    }
  }
  return [...events.values()].sort(
    (a, b) => a.event.at.localeCompare(b.event.at) || a.findingId.localeCompare(b.findingId) || a.index - b.index,
  );
}

export type { ArchiveWindow };
export { readArchive };
