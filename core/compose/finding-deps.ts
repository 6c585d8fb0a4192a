import { OrganizationsAccountNames } from '../accounts/OrganizationsAccountNames';
import { awsClientConfig } from '../aws/aws-client-config';
import { organizationsSdk } from '../aws/sdk-on-first-use';
import type { FindingDeps } from '../remediation/RemediationDeps';
import type { PolicyConfig } from '../types/policy';
import type { AccountNames, Dispatcher } from '../types/ports';
import type { Settings } from '../types/settings';
import { ownAccountOf } from './own-account';
import { buildWorkflowDeps, type ComposeOptions } from './workflow-deps';

/** The policy's part of the settings. */
function policyOf(settings: Settings): PolicyConfig {
  return {
    autoRemediateConfig: settings.autoRemediateConfig,
    remediationActions: settings.remediationActions,
    exemptTag: settings.exemptTag,
    exemptPrefixes: settings.exemptPrefixes,
    minSeverity: settings.minSeverity,
    sourceBuckets: settings.sourceBuckets,
    memberAccounts: settings.memberAccounts,
    accountPolicies: settings.accountPolicies,
  };
}

/**
 * Who names other accounts for a new finding's record: the door's choice, else AWS Organizations. Its SDK
 * module loads on the first question: a stack that only sees its own account's findings never loads it.
 */
const accountNamesOf = (options: ComposeOptions): AccountNames =>
  options.accountNames ??
  new OrganizationsAccountNames({
    client: () => {
      const { OrganizationsClient } = organizationsSdk();
      // A name is a courtesy: one retry at most before the record goes without it.
      return new OrganizationsClient({ ...awsClientConfig(options.settings), maxAttempts: 2 });
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });

/** The finding handler's workflow: decide, record, announce; moves go to `dispatcher`. */
function buildFindingDeps(options: ComposeOptions & { readonly dispatcher: Dispatcher }): FindingDeps {
  const { deps } = buildWorkflowDeps(options);
  return {
    ...deps,
    policy: policyOf(options.settings),
    ownAccount: ownAccountOf(options.settings, options.ownAccount),
    dispatcher: options.dispatcher,
    accountNames: accountNamesOf(options),
  };
}

export { accountNamesOf, buildFindingDeps, policyOf };
