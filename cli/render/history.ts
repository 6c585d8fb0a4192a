import { describeLocation } from '../../core/quarantine/head-object';
import type { LedgerRecord } from '../../core/types/ledger';
import { paint, type RenderStyle } from './render-style';
import { renderTable } from './table';
import { type Cell, cellText, styled, terminalText } from './terminal-text';

/** A finding's ledger record for an auditor: what, where, its state, then every event in order. */
function renderHistory(record: LedgerRecord, style: RenderStyle): string {
  const chalk = paint(style);
  const facts: [string, Cell][] = [
    ['finding', record.findingId],
    ['type', `${record.findingType} (${record.severity})`],
    ['object', describeLocation(record.source)],
    ['decision', record.decision],
    ['state', styled(chalk.bold(terminalText(record.state)))],
    ...(record.quarantine
      ? [['quarantine', `s3://${record.quarantine.bucket}/${record.quarantine.key}`] as [string, Cell]]
      : []),
    ...(record.linkedTo ? [['linked to', record.linkedTo] as [string, Cell]] : []),
    ...(record.slack
      ? [['slack', `${record.slack.channel}${record.slack.ts ? ` ${record.slack.ts}` : ''}`] as [string, Cell]]
      : []),
    ...(record.notificationOwed
      ? [['slack', styled(chalk.yellow('a notification is owed (Slack was unreachable)'))] as [string, Cell]]
      : []),
    ['recorded', record.createdAt],
  ];
  const width = Math.max(...facts.map(([label]) => label.length));
  const header = facts.map(([label, value]) => `${label.padEnd(width)}  ${cellText(value)}`).join('\n');
  const events = renderTable(
    ['time', 'action', 'actor', 'outcome', 'detail', 'reason'],
    record.history.map((e) => [e.at, e.action, e.actor, e.outcome ?? '', e.detail ?? '', e.reason ?? '']),
    style,
  );
  return `${header}\n\n${events}`;
}

export { renderHistory };
