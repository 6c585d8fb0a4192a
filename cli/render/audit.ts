import type { ArchivedEvent } from '../../core/types/audit';
import type { LedgerEvent, LedgerRecord } from '../../core/types/ledger';
import { terminalText } from './terminal-text';

/** One ledger event with the finding it belongs to: a row of `audit`. */
interface AuditRow {
  readonly time: string;
  readonly findingId: string;
  readonly type: string;
  readonly severity: string;
  readonly bucket: string;
  readonly key: string;
  readonly action: string;
  readonly actor: string;
  readonly outcome: string;
  readonly detail: string;
  /** The reason the person who acted gave (`--reason`, the Slack modal). */
  readonly reason: string;
}

const COLUMNS: readonly (keyof AuditRow)[] = [
  'time',
  'findingId',
  'type',
  'severity',
  'bucket',
  'key',
  'action',
  'actor',
  'outcome',
  'detail',
  'reason',
];

const auditRow = (record: LedgerRecord, event: LedgerEvent): AuditRow => ({
  time: event.at,
  findingId: record.findingId,
  type: record.findingType,
  severity: record.severity,
  bucket: record.source.bucket,
  key: record.source.key,
  action: event.action,
  actor: event.actor,
  outcome: event.outcome ?? '',
  detail: event.detail ?? '',
  reason: event.reason ?? '',
});

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The same row from the audit archive, whose lines carry the finding's fields beside the event. */
const archivedAuditRow = (entry: ArchivedEvent): AuditRow => ({
  time: entry.event.at,
  findingId: entry.findingId,
  type: entry.findingType ?? '',
  severity: entry.severity ?? '',
  bucket: entry.bucket ?? '',
  key: entry.key ?? '',
  action: textOf(entry.event.action),
  actor: textOf(entry.event.actor),
  outcome: textOf(entry.event.outcome),
  detail: textOf(entry.event.detail),
  reason: textOf(entry.event.reason),
});

/**
 * One CSV field (RFC 4180). Object keys are anyone's text: control characters are escaped as on the
 * terminal (a `cat` of the export must not clear the screen; every event stays on one line), and a cell
 * a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so opening the
 * export runs nothing. The JSON export keeps every value exact.
 */
function csvField(value: string): string {
  const text = terminalText(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The audit rows as CSV with a header line, CRLF line ends as RFC 4180 has them. */
function renderAuditCsv(rows: readonly AuditRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export type { AuditRow };
export { archivedAuditRow, auditRow, renderAuditCsv };
