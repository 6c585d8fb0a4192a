import type { ClickDeps } from '../remediation/RemediationDeps';
import type { Dispatcher } from '../types/ports';
import { buildWorkflowDeps, type Composed, type ComposeOptions } from './workflow-deps';

/** The remediation handler's workflow: claim the finding, update Slack; moves go to `dispatcher`. */
function buildClickDeps(options: ComposeOptions & { readonly dispatcher: Dispatcher }): Composed<ClickDeps> {
  const { deps, notifier } = buildWorkflowDeps(options);
  return { deps: { ...deps, dispatcher: options.dispatcher }, ...(notifier ? { notifier } : {}) };
}

export { buildClickDeps };
