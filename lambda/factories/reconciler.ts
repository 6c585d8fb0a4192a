import type { ReconcileDeps } from '../../core/reconcile/ReconcileDeps';
import { type ReconcileReport, reconcile } from '../../core/reconcile/reconcile';
import type { Logger } from '../../core/types/runtime';
import { withFields } from '../runtime/with-fields';

interface ReconcilerOptions {
  readonly deps: ReconcileDeps;
  /** @default deps.logger */
  readonly logger?: Logger;
  /** Stop taking new work below this many milliseconds left. @default core's RECONCILE_MARGIN_MS */
  readonly marginMs?: number;
}

/** The schedule's event id: the correlation id of this run. */
const scheduleIdOf = (event: unknown): string | undefined => {
  const id = (event as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * One scheduled run (EventBridge schedule → this): the event says only that it is time; core reconciles
 * within the time the invocation has left. A system failure throws: the next run starts from the watermark.
 */
function createReconciler(options: ReconcilerOptions) {
  const base = options.logger ?? options.deps.logger;
  return async (event: unknown, timeLeft: () => number): Promise<ReconcileReport> => {
    const logger = withFields(base, { correlationId: scheduleIdOf(event) });
    const report = await reconcile(
      { ...options.deps, logger },
      { timeLeft, ...(options.marginMs !== undefined ? { marginMs: options.marginMs } : {}) },
    );
    logger.info('reconciled', { ...report });
    return report;
  };
}

export type { ReconcilerOptions };
export { createReconciler, scheduleIdOf };
