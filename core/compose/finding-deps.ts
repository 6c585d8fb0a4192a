import type { FindingDeps } from '../remediation/RemediationDeps';
import type { PolicyConfig } from '../types/policy';
import type { Dispatcher } from '../types/ports';
import type { Settings } from '../types/settings';
import { ownAccountOf } from './own-account';
import { buildWorkflowDeps, type ComposeOptions } from './workflow-deps';

/** The policy's part of the settings. */
function policyOf(settings: Settings): PolicyConfig {
  return {
    autoRemediateConfig: settings.autoRemediateConfig,
    minSeverity: settings.minSeverity,
    sourceBuckets: settings.sourceBuckets,
    memberAccounts: settings.memberAccounts,
    accountPolicies: settings.accountPolicies,
  };
}

/** The finding handler's workflow: decide, record, announce; moves go to `dispatcher`. */
function buildFindingDeps(options: ComposeOptions & { readonly dispatcher: Dispatcher }): FindingDeps {
  const { deps } = buildWorkflowDeps(options);
  return {
    ...deps,
    policy: policyOf(options.settings),
    ownAccount: ownAccountOf(options.settings, options.ownAccount),
    dispatcher: options.dispatcher,
  };
}

export { buildFindingDeps, policyOf };
