import { accountLabel } from '../../core/accounts/account-label';
import { recordAccount } from '../../core/finding/object-identity';
import type { LedgerRecord } from '../../core/types/ledger';
import type { SelectedFinding } from '../findings/select-findings';

/** Whose object a row is about, and the account's name when the ledger kept one. */
interface RowAccount {
  readonly account?: string;
  readonly name?: string;
}

/** An account column's cell: `Payroll Prod (222233334444)`, the id alone without a name, `-` when unknown. */
const accountCell = (row: RowAccount | undefined): string => (row?.account ? accountLabel(row.account, row.name) : '-');

const recordRowAccount = (record: LedgerRecord): RowAccount => {
  const account = recordAccount(record);
  return { ...(account ? { account } : {}), ...(record.accountName ? { name: record.accountName } : {}) };
};

/** A selected finding's account: its ledger record's (with the name), else the finding's. */
const selectedRowAccount = (selected: SelectedFinding): RowAccount =>
  selected.record ? recordRowAccount(selected.record) : selected.finding ? { account: selected.finding.accountId } : {};

export type { RowAccount };
export { accountCell, recordRowAccount, selectedRowAccount };
