import type { ClickDeps } from '../remediation/RemediationDeps';
import type { Dispatcher } from '../types/ports';
import { type FindingsHubOption, findingsHubFor } from './findings-hub';
import { buildWorkflowDeps, type Composed, type ComposeOptions } from './workflow-deps';

/** The remediation handler's workflow: claim the finding, update Slack (and Security Hub for a dismissal); moves go to `dispatcher`. */
function buildClickDeps(
  options: ComposeOptions & FindingsHubOption & { readonly dispatcher: Dispatcher },
): Composed<ClickDeps> {
  const { deps, notifier } = buildWorkflowDeps(options);
  return {
    deps: { ...deps, ...findingsHubFor(options.settings, options), dispatcher: options.dispatcher },
    ...(notifier ? { notifier } : {}),
  };
}

export { buildClickDeps };
