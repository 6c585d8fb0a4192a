import { shortTypeName } from '../../core/finding/finding-type';
import { describeLocation } from '../../core/quarantine/head-object';
import type { Action } from '../../core/types/policy';
import type { FindingStatus } from '../findings/finding-filters';
import { accountCell } from './account-cell';
import { paint, type RenderStyle } from './render-style';
import { renderTable } from './table';
import { type Styled, styled } from './terminal-text';

/** One row of `list findings --json` (README). `status` is the ledger state, null when not in the ledger. */
interface FindingRow {
  readonly id: string;
  readonly type: string;
  readonly severity: string;
  readonly bucket: string;
  readonly key: string;
  /** Whose object: the finding's 12-digit account id. */
  readonly account: string;
  readonly createdAt: string;
  readonly decision: Action;
  readonly status: Exclude<FindingStatus, 'NEW'> | null;
}

interface FindingsNotes {
  readonly ledger: boolean;
  /** Account names the ledger kept, by account id. */
  readonly accountNames?: ReadonlyMap<string, string>;
}

/** Macie findings with the policy's decision and the ledger's state. */
function renderFindings(rows: readonly FindingRow[], style: RenderStyle, notes: FindingsNotes): string {
  if (rows.length === 0) return 'No findings match.';
  const chalk = paint(style);
  const decision = (d: Action): Styled =>
    styled(d === 'AUTO' ? chalk.red(d) : d === 'REVIEW' ? chalk.yellow(d) : chalk.dim(d));
  const table = renderTable(
    ['finding', 'account', 'created', 'type', 'severity', 'object', 'decision', 'status'],
    rows.map((r) => [
      r.id,
      accountCell({ account: r.account, name: notes.accountNames?.get(r.account) }),
      r.createdAt.replace(/\.\d+Z$/, 'Z'),
      shortTypeName(r.type),
      r.severity,
      describeLocation({ bucket: r.bucket, key: r.key }),
      decision(r.decision),
      r.status ?? styled(notes.ledger ? chalk.dim('new') : chalk.dim('?')),
    ]),
    style,
  );
  return `${table}\n${rows.length} finding(s)${notes.ledger ? '' : ' (no ledger configured: status unknown)'}`;
}

export type { FindingRow };
export { renderFindings };
