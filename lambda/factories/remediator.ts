import { RemediateError } from '../../core/errors';
import { parseJob } from '../../core/remediation/parse-job';
import type { JobDeps } from '../../core/remediation/RemediationDeps';
import { runJob } from '../../core/remediation/run-job';
import type { RemediationResult } from '../../core/types/outcome';
import type { RemediationJob } from '../../core/types/ports';
import type { Logger } from '../../core/types/runtime';
import { rejected } from '../runtime/rejected';
import { withFields } from '../runtime/with-fields';

interface RemediatorOptions {
  readonly deps: JobDeps;
  /** @default deps.logger */
  readonly logger?: Logger;
}

const findingIdOf = (job: unknown): unknown => (job as { findingId?: unknown } | null)?.findingId;

/**
 * One job from a dispatcher: move the finding's object to quarantine (or restore it), record the outcome in
 * the ledger and update Slack. Expected failures are results (FAILED, recorded, retryable from Slack); a
 * system failure throws, so Lambda retries the job, which resumes from the ledger.
 */
function createRemediator(options: RemediatorOptions) {
  const base = options.logger ?? options.deps.logger;
  return async (payload: unknown): Promise<RemediationResult> => {
    let job: RemediationJob;
    try {
      job = parseJob(payload);
    } catch (err) {
      if (!RemediateError.isUserError(err)) throw err;
      base.error('job rejected', { findingId: findingIdOf(payload), reason: err.message });
      return rejected(findingIdOf(payload), err.message);
    }
    const logger = withFields(base, { findingId: job.findingId });
    logger.info('job started', { kind: job.kind, actor: job.actor });
    const result = await runJob({ ...options.deps, logger }, job);
    logger.info('job finished', { outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) });
    return result;
  };
}

export type { RemediatorOptions };
export { createRemediator };
