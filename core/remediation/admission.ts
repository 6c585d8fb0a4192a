import { isMoveAhead, isWorking } from '../ledger/finding-state';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import { inProgress, isInterrupted, waitWhile } from './finding-lease';
import { legalHoldRefusal } from './legal-hold-refusal';
import type { WorkflowDeps } from './RemediationDeps';
import { remediationOf } from './remediation-actions';
import { resultFromRecord } from './result-from-record';

/**
 * May a finding be acted on now, and how: `start` as usual (the door checks the object first), `resume`
 * the move or restore a killed run left half done (the engine sees its own copy, so the door must not
 * judge from the object alone), or `skip` with the outcome to report.
 */
type Admission =
  | { readonly admit: 'start' | 'resume' }
  | { readonly admit: 'skip'; readonly result: RemediationResult };

const skip = (record: LedgerRecord, outcome: RemediationResult['outcome'], reason: string, extra = {}): Admission => ({
  admit: 'skip',
  result: { ...resultFromRecord(record), outcome, reason, ...extra },
});

/**
 * A finding linked to another on the same object: report the owner's move (waiting a little while it
 * is under way, e.g. both findings in one run) instead of moving the object a second time.
 */
async function linkedAdmission(deps: WorkflowDeps, record: LedgerRecord, ownerId: string): Promise<Admission> {
  const found = await deps.ledger.get(ownerId);
  if (!found) return { admit: 'start' };
  const owner = await waitWhile(deps, found, (r) => isMoveAhead(r.state));
  const same = `same object as finding ${owner.findingId}`;
  if (owner.state === 'QUARANTINED') {
    return skip(record, 'ALREADY_QUARANTINED', `${same}, already in quarantine`, {
      ...(owner.quarantine ? { quarantine: owner.quarantine } : {}),
    });
  }
  if (owner.state === 'AWAITING_REVIEW') return skip(record, 'PLANNED', `${same}, awaiting review`);
  if (isWorking(owner.state)) {
    return skip(record, 'PLANNED', `${same}, ${inProgress(owner.lease)}`);
  }
  return { admit: 'start' };
}

/** Whether `remediate` may act on a finding (no record yet: it may). */
async function remediationAdmission(deps: WorkflowDeps, record: LedgerRecord | undefined): Promise<Admission> {
  if (!record) return { admit: 'start' };
  switch (record.state) {
    case 'QUARANTINED':
      return skip(record, 'ALREADY_QUARANTINED', 'already in quarantine');
    case 'REMEDIATING':
      return isInterrupted(deps, record) ? { admit: 'resume' } : skip(record, 'PLANNED', inProgress(record.lease));
    case 'RESTORING':
      return isInterrupted(deps, record)
        ? skip(record, 'FAILED', 'a restore of this finding was interrupted: run restore again to finish it')
        : skip(record, 'PLANNED', `a restore is ${inProgress(record.lease)}`);
    case 'LINKED':
      return record.linkedTo ? linkedAdmission(deps, record, record.linkedTo) : { admit: 'start' };
    default:
      return { admit: 'start' };
  }
}

/**
 * Whether `restore` may act on a finding: one remediated, not on legal hold, and, when it was moved, whose copy
 * the ledger can name (a sealed or tagged object is where it was found).
 */
function restoreAdmission(deps: WorkflowDeps, record: LedgerRecord): Admission {
  const held = legalHoldRefusal(record);
  if (held) return skip(record, 'FAILED', held);
  const admission = restoreStateAdmission(deps, record);
  if (admission.admit === 'skip' || record.quarantine || remediationOf(record) !== 'QUARANTINE') return admission;
  return skip(record, 'FAILED', 'the ledger has no quarantine location for it');
}

function restoreStateAdmission(deps: WorkflowDeps, record: LedgerRecord): Admission {
  switch (record.state) {
    case 'RESTORED':
      return skip(record, 'RESTORED', 'already restored');
    case 'QUARANTINED':
      return { admit: 'start' };
    case 'RESTORING':
      return isInterrupted(deps, record) ? { admit: 'resume' } : skip(record, 'PLANNED', inProgress(record.lease));
    default:
      return skip(record, 'FAILED', `not in quarantine (${record.state.toLowerCase()}): nothing to restore`);
  }
}

export type { Admission };
export { remediationAdmission, restoreAdmission };
