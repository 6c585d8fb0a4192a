import { remediationHandlerOptions } from '../../core/compose/remediation-handler-options';
import type { ClickDeps } from '../../core/remediation/RemediationDeps';
import type { Notifier } from '../../core/types/ports';
import type { Logger } from '../../core/types/runtime';
import type { Settings } from '../../core/types/settings';
import { createRemediationHandler } from '../../lambda/factories/remediation-handler';

/**
 * The click handler as `serve`, the local stack and the Lambda compose it, over a composition's settings,
 * dependencies and notifier; `logger` defaults to the dependencies'.
 */
async function clickHandlerOf(
  composed: { readonly settings: Settings; readonly deps: ClickDeps; readonly notifier?: Notifier },
  logger: Logger = composed.deps.logger,
): Promise<ReturnType<typeof createRemediationHandler>> {
  const { settings, deps, notifier } = composed;
  return createRemediationHandler(
    await remediationHandlerOptions({ settings, deps, logger, ...(notifier ? { notifier } : {}) }),
  );
}

export { clickHandlerOf };
