import { ACTION_DONE } from '../../core/policy/remediation-action';
import { describeLocation } from '../../core/quarantine/head-object';
import type { LegalHold, RestoreApproval } from '../../core/types/ledger';
import type { ObjectLocation } from '../../core/types/outcome';
import type { RemediationAction } from '../../core/types/policy';
import { accountCell, type RowAccount } from './account-cell';
import type { RenderStyle } from './render-style';
import { renderTable } from './table';

/** One row of `list quarantined --json` (README). */
interface QuarantinedRow {
  readonly findingId: string;
  readonly source: ObjectLocation;
  readonly quarantine: { readonly bucket: string; readonly key: string } | null;
  /** QUARANTINE (a copy in the quarantine bucket), SEAL (sealed in place, `quarantine` null) or TAG (tagged, `quarantine` null). */
  readonly action: RemediationAction;
  readonly quarantinedAt: string;
  readonly actor: string;
  /** A restore approved once, waiting for a second approver (`restoreApprovals: 2`); absent otherwise. */
  readonly restoreApproval?: RestoreApproval;
  /** The copy is on legal hold (`hold`): it cannot be restored until released; absent otherwise. */
  readonly legalHold?: LegalHold;
}

/**
 * What is in quarantine: from which account (by finding id; the JSON rows keep the fields the contract
 * names) and where, when, by whom.
 */
function renderQuarantined(
  rows: readonly QuarantinedRow[],
  style: RenderStyle,
  accounts: ReadonlyMap<string, RowAccount>,
): string {
  if (rows.length === 0) return 'Nothing is in quarantine.';
  // The column appears only when a restore waits for its second approver.
  const pending = rows.some((r) => r.restoreApproval);
  const held = rows.some((r) => r.legalHold);
  // The column appears only when something was sealed or tagged instead of moved.
  const actions = rows.some((r) => r.action !== 'QUARANTINE');
  const table = renderTable(
    [
      'finding',
      'account',
      'from',
      'quarantined at',
      'by',
      'quarantine key',
      ...(actions ? ['action'] : []),
      ...(pending ? ['restore'] : []),
      ...(held ? ['legal hold'] : []),
    ],
    rows.map((r) => [
      r.findingId,
      accountCell(accounts.get(r.findingId)),
      describeLocation(r.source),
      r.quarantinedAt.replace(/\.\d+Z$/, 'Z'),
      r.actor,
      r.quarantine?.key ?? '-',
      ...(actions ? [ACTION_DONE[r.action]] : []),
      ...(pending ? [r.restoreApproval ? `1 of 2 approvals (${r.restoreApproval.approver})` : '-'] : []),
      ...(held ? [r.legalHold ? `since ${r.legalHold.at.replace(/\.\d+Z$/, 'Z')} by ${r.legalHold.by}` : '-'] : []),
    ]),
    style,
  );
  return `${table}\n${rows.length} object(s) ${actions ? 'remediated (in quarantine, or sealed or tagged in place)' : 'in quarantine'}`;
}

export type { QuarantinedRow };
export { renderQuarantined };
