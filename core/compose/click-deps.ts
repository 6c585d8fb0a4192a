import type { ClickDeps } from '../remediation/RemediationDeps';
import type { Dispatcher, Suppressions } from '../types/ports';
import { type FindingsHubOption, findingsHubFor } from './findings-hub';
import { buildWorkflowDeps, type Composed, type ComposeOptions } from './workflow-deps';

/** The remediation handler's workflow: claim the finding, update Slack (and Security Hub for a dismissal); moves go to `dispatcher`. */
function buildClickDeps(
  options: ComposeOptions &
    FindingsHubOption & { readonly dispatcher: Dispatcher; readonly suppressions?: Suppressions },
): Composed<ClickDeps> {
  const { deps, notifier } = buildWorkflowDeps(options);
  const { suppressions } = options;
  return {
    deps: {
      ...deps,
      ...findingsHubFor(options.settings, options),
      dispatcher: options.dispatcher,
      ...(suppressions ? { suppressions } : {}),
    },
    ...(notifier ? { notifier } : {}),
  };
}

export { buildClickDeps };
