import type { AccountPolicy, PolicyConfig } from '../types/policy';

/** In `memberAccounts`: every account whose findings arrive. */
const ALL_ACCOUNTS = '*';

/** Whether the member list alone puts an account in scope (without knowing which account is our own). */
const listedMember = (memberAccounts: readonly string[] | undefined, accountId: string): boolean =>
  memberAccounts !== undefined && (memberAccounts.includes(ALL_ACCOUNTS) || memberAccounts.includes(accountId));

/** The policy for one account's findings: the global one with that account's overrides. */
function policyForAccount(config: PolicyConfig, accountId: string): PolicyConfig {
  const own: AccountPolicy | undefined = config.accountPolicies?.[accountId];
  if (!own) return config;
  return {
    ...config,
    ...(own.autoRemediateConfig ? { autoRemediateConfig: own.autoRemediateConfig } : {}),
    ...(own.remediationActions ? { remediationActions: own.remediationActions } : {}),
    ...(own.minSeverity ? { minSeverity: own.minSeverity } : {}),
    ...(own.sourceBuckets ? { sourceBuckets: own.sourceBuckets } : {}),
  };
}

export { ALL_ACCOUNTS, listedMember, policyForAccount };
