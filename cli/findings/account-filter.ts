/**
 * `--account` on findings named by id: a finding of another account is skipped (IGNORED, with this
 * reason), not refused, so a script can pass a list of ids and `--account` as a fence around them.
 * Returns undefined when the account passes (no `--account` lets every account through).
 */
function outsideAccounts(accounts: readonly string[], accountId: string | undefined): string | undefined {
  if (accounts.length === 0 || (accountId !== undefined && accounts.includes(accountId))) return undefined;
  return `account ${accountId ?? 'unknown'} is not among --account ${accounts.join(', ')}`;
}

export { outsideAccounts };
