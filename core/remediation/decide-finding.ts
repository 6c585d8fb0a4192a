import { listedMember } from '../policy/account-scope';
import { decide } from '../policy/decide';
import type { Finding } from '../types/finding';
import type { Decision } from '../types/policy';
import type { FindingDeps } from './RemediationDeps';

/**
 * The policy's decision on a finding. Which account is our own is asked only when the member list does
 * not already put the finding's account in scope (the CLI asks STS, once per run).
 */
async function decideFinding(deps: Pick<FindingDeps, 'policy' | 'ownAccount'>, finding: Finding): Promise<Decision> {
  const own = listedMember(deps.policy.memberAccounts, finding.accountId) ? undefined : await deps.ownAccount();
  return decide(finding, deps.policy, own);
}

export { decideFinding };
