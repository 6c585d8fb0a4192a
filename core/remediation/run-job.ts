import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import type { JobDeps } from './RemediationDeps';
import { runExempt } from './run-exempt';
import { runLegalHold } from './run-legal-hold';
import { runRemediation } from './run-remediation';
import { runRestore } from './run-restore';

/**
 * The remediator's entry: one job, whatever door it came through (Lambda payload, `serve`, CLI). `held` is
 * the record its door just wrote (see Dispatcher): with the job's lease, or for a job without one, which takes
 * the finding itself; any other job reads the record.
 */
async function runJob(deps: JobDeps, job: RemediationJob, held?: LedgerRecord): Promise<RemediationResult> {
  const fromDoor = held?.findingId === job.findingId && (job.lease === undefined || held.lease?.owner === job.lease);
  const record = fromDoor ? held : await deps.ledger.get(job.findingId);
  if (!record) {
    return {
      findingId: job.findingId,
      outcome: 'FAILED',
      source: { bucket: '', key: '' },
      reason: `finding ${job.findingId} is not in the ledger`,
    };
  }
  switch (job.kind) {
    case 'remediate':
      return runRemediation(deps, job, record, fromDoor);
    case 'restore':
      return runRestore(deps, job, record);
    case 'hold':
    case 'release':
      return runLegalHold(deps, { ...job, kind: job.kind }, record);
    case 'exempt':
      return runExempt(deps, job, record);
  }
}

export { runJob };
