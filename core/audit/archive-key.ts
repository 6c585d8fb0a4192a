import { createHash } from 'node:crypto';

/** Every archive object lives under this prefix; the day folders sort as dates. */
const ARCHIVE_PREFIX = 'audit/';

/** `2026-12-06` → `audit/2026/12/06/`. */
const dayPrefix = (day: string): string => `${ARCHIVE_PREFIX}${day.slice(0, 10).replaceAll('-', '/')}/`;

/**
 * The object one batch writes for one day. Named after the batch's stream records, so a batch Lambda
 * delivers again writes the same key, which the archive refuses to write twice.
 */
function archiveKey(day: string, sequenceNumbers: readonly string[]): string {
  const batch = createHash('sha256').update(sequenceNumbers.join('\n')).digest('hex').slice(0, 32);
  return `${dayPrefix(day)}${batch}.jsonl`;
}

export { ARCHIVE_PREFIX, archiveKey, dayPrefix };
