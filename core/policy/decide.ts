import { isSensitiveDataType, SENSITIVE_DATA_PREFIX, shortTypeName } from '../finding/finding-type';
import type { Finding } from '../types/finding';
import type { Decision, IgnoreReason, PolicyConfig } from '../types/policy';
import { listedMember, policyForAccount } from './account-scope';
import { exemption } from './exemption';
import { MIN_SEVERITY_SCORES } from './min-severity';
import { ACTION_DONE, remediationFor } from './remediation-action';
import { inSourceScope } from './source-scope';

const ignore = (ignoreReason: IgnoreReason, reason: string): Decision => ({ action: 'IGNORE', ignoreReason, reason });

/**
 * What to do with a finding: remediate it (AUTO), ask a human (REVIEW) or leave it (IGNORE), and how its
 * object is remediated (`remediation`: quarantine, seal in place or tag). An exempt object (the exemption
 * tag, an exempt prefix) is IGNORED once it is known to be in scope.
 * What the finding is (archived, sample, policy) is checked before its account, severity and scope, and
 * those before the configured action, so the reason names the most basic cause. A type the configuration
 * does not name is REVIEW, never AUTO: nothing moves unless someone chose it. `ownAccount` is the account
 * of the credentials in use; without it only the listed member accounts are in scope.
 */
function decide(finding: Finding, global: PolicyConfig, ownAccount?: string): Decision {
  if (finding.archived) return ignore('ARCHIVED', 'the finding is archived (suppressed in Macie)');
  if (finding.sample) return ignore('SAMPLE', 'it is a Macie sample finding (its bucket does not exist)');
  if (finding.category === 'POLICY' || finding.type.startsWith('Policy:'))
    return ignore('POLICY_FINDING', `${finding.type} is a bucket policy finding, with no object to quarantine`);
  if (!finding.type.startsWith(SENSITIVE_DATA_PREFIX) || !finding.object)
    return ignore('NOT_SENSITIVE_DATA', `${finding.type} is not a sensitive-data finding about an S3 object`);

  const account = finding.accountId;
  if (account !== ownAccount && !listedMember(global.memberAccounts, account))
    return ignore('ACCOUNT_OUT_OF_SCOPE', `account ${account} is not in scope (memberAccounts)`);
  const config = policyForAccount(global, account);

  if (finding.severity.score < MIN_SEVERITY_SCORES[config.minSeverity])
    return ignore(
      'BELOW_MIN_SEVERITY',
      `severity ${finding.severity.description} is below the minimum ${config.minSeverity}`,
    );
  const { bucket } = finding.object;
  if (!inSourceScope(config.sourceBuckets, bucket))
    return ignore('BUCKET_OUT_OF_SCOPE', `bucket ${bucket} is not one of the source buckets`);
  const exempt = exemption(finding.object, config);
  if (exempt) return ignore('EXEMPT', `${exempt}: exempt`);

  const name = `${shortTypeName(finding.type)} findings`;
  const action = config.autoRemediateConfig[finding.type];
  if (action === 'IGNORE') return ignore('TYPE_IGNORED', `${name} are set to IGNORE`);
  const remediation = remediationFor(finding, config.remediationActions);
  if (action === 'AUTO')
    return {
      action: 'AUTO',
      remediation,
      reason: `${name} are set to AUTO: ${ACTION_DONE[remediation]} without review`,
    };
  if (action === 'REVIEW') return { action: 'REVIEW', remediation, reason: `${name} are set to REVIEW` };
  const unknown = isSensitiveDataType(finding.type) ? 'not configured' : 'a type this version does not know';
  return { action: 'REVIEW', remediation, reason: `${name} are ${unknown}, so they need review` };
}

export { decide };
