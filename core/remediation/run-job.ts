import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import type { JobDeps } from './RemediationDeps';
import { runRemediation } from './run-remediation';
import { runRestore } from './run-restore';

/** The remediator's entry: one job, whatever door it came through (Lambda payload, `serve`, CLI). */
async function runJob(deps: JobDeps, job: RemediationJob): Promise<RemediationResult> {
  const record = await deps.ledger.get(job.findingId);
  if (!record) {
    return {
      findingId: job.findingId,
      outcome: 'FAILED',
      source: { bucket: '', key: '' },
      reason: `finding ${job.findingId} is not in the ledger`,
    };
  }
  return job.kind === 'restore' ? runRestore(deps, job, record) : runRemediation(deps, job, record);
}

export { runJob };
