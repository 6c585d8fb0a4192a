import type { Criterion } from '../../core/macie/suppression-rule';
import type { RenderStyle } from './render-style';
import { renderTable } from './table';

/** One row of `list suppressions --json` (README). */
interface SuppressionRow {
  readonly name: string;
  readonly criteria: Criterion;
  /** ISO-8601; null on a filter made without the tool's creation tag. */
  readonly createdAt: string | null;
  readonly description: string | null;
}

/** `field=value` per condition; a cell is one line (terminal-text.ts). */
const criteriaText = (criteria: Criterion): string =>
  Object.entries(criteria)
    .map(([field, { eq }]) => `${field}=${eq.join(',')}`)
    .join('; ');

/** The findings filters this tool made: what each archives, since when, and who dismissed why. */
function renderSuppressions(rows: readonly SuppressionRow[], style: RenderStyle): string {
  if (rows.length === 0) return 'No suppressions: macie-remediate has made no Macie findings filter here.';
  const table = renderTable(
    ['name', 'criteria', 'created', 'description'],
    rows.map((r) => [r.name, criteriaText(r.criteria), r.createdAt ?? '-', r.description ?? '-']),
    style,
  );
  return `${table}\n${rows.length} suppression(s)`;
}

export type { SuppressionRow };
export { renderSuppressions };
