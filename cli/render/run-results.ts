import { describeLocation } from '../../core/quarantine/head-object';
import type { RemediationResult } from '../../core/types/outcome';
import { accountCell, type RowAccount } from './account-cell';
import { ATTENTION, outcomeCell } from './outcome-colors';
import { paint, type RenderStyle } from './render-style';
import type { RunDocument } from './run-document';
import { renderTable } from './table';
import { type Cell, terminalText } from './terminal-text';

/** On a terminal, a long run lists only the items that need a look; --json and pipes get every item. */
const TERMINAL_ROWS = 25;

interface RunNotes {
  /** Items never started (Ctrl-C, or a failure that stopped the run). */
  readonly notStarted?: number;
  /** Why the run stopped early, when it did. */
  readonly stopped?: string;
}

/** Whose objects the results are about, by finding id (RemediationResult, the JSON item, has no account). */
type ResultAccounts = ReadonlyMap<string, RowAccount>;

function itemRows(results: readonly RemediationResult[], style: RenderStyle, accounts: ResultAccounts): Cell[][] {
  const chalk = paint(style);
  return results.map((r) => [
    r.findingId,
    accountCell(accounts.get(r.findingId)),
    outcomeCell(chalk, r.outcome),
    r.source.bucket ? describeLocation(r.source) : '-',
    r.quarantine ? r.quarantine.key : '-',
    r.reason ?? '',
  ]);
}

/** The outcome of a run as tables: the items (all, or those needing a look), then the counts per outcome. */
function renderRunResults(
  document: RunDocument,
  style: RenderStyle,
  accounts: ResultAccounts,
  notes: RunNotes = {},
): string {
  const chalk = paint(style);
  const { results } = document;
  const shown =
    style.boxed && results.length > TERMINAL_ROWS ? results.filter((r) => ATTENTION.includes(r.outcome)) : results;
  const parts: string[] = [];
  if (shown.length > 0) {
    parts.push(
      renderTable(
        ['finding', 'account', 'outcome', 'object', 'quarantine key', 'reason'],
        itemRows(shown, style, accounts),
        style,
      ),
    );
  }
  if (shown.length < results.length) {
    parts.push(`(${results.length - shown.length} more items with expected outcomes: --json lists every item)`);
  }
  const counts = Object.entries(document.summary).map(([outcome, count]) => [
    outcomeCell(chalk, outcome as RemediationResult['outcome']),
    String(count),
  ]);
  parts.push(counts.length > 0 ? renderTable(['outcome', 'count'], counts, style) : 'Nothing to do.');
  if (notes.stopped) parts.push(chalk.red(`Stopped: ${terminalText(notes.stopped)}`));
  if (notes.notStarted) {
    parts.push(
      chalk.yellow(`Interrupted: ${notes.notStarted} not started. Run the same command again to finish them.`),
    );
  }
  return parts.join('\n');
}

export type { ResultAccounts, RunNotes };
export { renderRunResults };
