import { describeS3Error, isS3Error } from '../quarantine/s3-errors';
import type { ArchivedEvent, ArchiveReport, AuditArchive, LedgerItemChange } from '../types/audit';
import type { Logger } from '../types/runtime';
import { appendedEvents } from './appended-events';
import { archiveKey } from './archive-key';

interface ArchiveDeps {
  readonly archive: AuditArchive;
  readonly logger: Logger;
}

/** One day's events of the batch, and the first change they came from (where a retry must resume). */
interface DayGroup {
  readonly lines: string[];
  readonly firstChange: number;
}

function groupByDay(changes: readonly LedgerItemChange[]): Map<string, DayGroup> {
  const days = new Map<string, DayGroup>();
  changes.forEach((change, position) => {
    for (const entry of appendedEvents(change)) {
      const day = entry.event.at.slice(0, 10);
      const group = days.get(day) ?? { lines: [], firstChange: position };
      group.lines.push(JSON.stringify(entry satisfies ArchivedEvent));
      days.set(day, group);
    }
  });
  return days;
}

/**
 * Writes the history events a batch of ledger changes appended to the audit archive: one JSON-lines object
 * per day of the batch, each written once (Object Lock objects cannot be appended to or replaced). A day
 * that fails is reported from its first change, so a retry of the rest of the batch writes it again.
 */
async function archiveChanges(deps: ArchiveDeps, changes: readonly LedgerItemChange[]): Promise<ArchiveReport> {
  const sequenceNumbers = changes.map((change) => change.sequenceNumber);
  const objects: ArchiveReport['objects'][number][] = [];
  let events = 0;
  let failedAt: number | undefined;
  for (const [day, group] of [...groupByDay(changes)].sort(([a], [b]) => a.localeCompare(b))) {
    const key = archiveKey(day, sequenceNumbers);
    events += group.lines.length;
    try {
      objects.push({ key, status: await deps.archive.write(key, `${group.lines.join('\n')}\n`) });
    } catch (err) {
      // S3 failed (throttled, down, denied): the retry of this change onwards says more. Anything else is a bug.
      if (!isS3Error(err)) throw err;
      deps.logger.error('audit archive write failed', { key, error: describeS3Error(err) });
      objects.push({ key, status: 'failed' });
      failedAt = Math.min(failedAt ?? group.firstChange, group.firstChange);
    }
  }
  return failedAt === undefined ? { events, objects } : { events, objects, failedFrom: sequenceNumbers[failedAt] };
}

export type { ArchiveDeps };
export { archiveChanges };
