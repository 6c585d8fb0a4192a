import Table from 'cli-table3';
import { paint, type RenderStyle } from './render-style';
import { type Cell, cellText } from './terminal-text';

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * A table: boxed on a terminal, aligned columns without borders otherwise. String cells are escaped here
 * (terminal-text.ts), so no renderer can forget to; only cells the CLI styled itself go through as they are.
 */
function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[], style: RenderStyle): string {
  // Headers are bolded with our chalk: cli-table3's own colours follow its guess of the terminal, not --color.
  const bold = paint(style).bold;
  const table = style.boxed
    ? new Table({ head: head.map((h) => bold(h)), style: { head: [], border: [] } })
    : new Table({
        head: [...head],
        chars: NO_BORDERS,
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
      });
  table.push(...rows.map((row) => row.map(cellText)));
  // Borderless rows end in padding: trim it, so logs and diffs stay clean.
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

export { renderTable };
