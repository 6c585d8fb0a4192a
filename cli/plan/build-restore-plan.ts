import { recordAccount } from '../../core/finding/object-identity';
import { headObject } from '../../core/quarantine/head-object';
import { objectClients } from '../../core/quarantine/object-clients';
import { restoreAdmission } from '../../core/remediation/admission';
import { needsOccupantCheck, occupantRefusal } from '../../core/remediation/plan-checks';
import { remediationOf } from '../../core/remediation/remediation-actions';
import { resultFromRecord } from '../../core/remediation/result-from-record';
import type { LedgerRecord } from '../../core/types/ledger';
import type { RemediationAction } from '../../core/types/policy';
import { outsideAccounts } from '../findings/account-filter';
import { assemblePlan, type PlanEntry } from './assemble-plan';
import type { OperationEnv } from './operation-env';
import type { RestorePlan, RestorePlanItem } from './plan-schema';

interface RestorePlanOptions {
  /** Plan restores over objects that now exist at the original location (they get overwritten). */
  readonly force: boolean;
  readonly concurrency: number;
  /** `--account`: findings of other accounts are skipped (empty: every account). */
  readonly accounts: readonly string[];
}

async function planOne(
  env: OperationEnv,
  record: LedgerRecord,
  options: RestorePlanOptions,
): Promise<PlanEntry<RestorePlanItem>> {
  const result = resultFromRecord(record);
  const outside = outsideAccounts(options.accounts, recordAccount(record));
  if (outside) return { skipped: { ...result, outcome: 'IGNORED', reason: outside } };
  const admission = restoreAdmission(env.deps, record);
  if (admission.admit === 'skip') return { skipped: admission.result };
  const resume = admission.admit === 'resume';
  const action = remediationOf(record);
  const { bucket, key } = record.source;
  const original = { bucket, key };
  const { quarantine } = record;
  if (action !== 'QUARANTINE') return { item: itemOf(record, original, action, resume) };
  if (!quarantine) throw new Error(`restore admitted finding ${record.findingId} without a quarantine location`);
  if (needsOccupantCheck({ force: options.force, resume })) {
    try {
      const { source } = await objectClients(env, recordAccount(record), record.finding?.region);
      const occupant = await headObject(source, original, 'inspect');
      if (occupant) return { skipped: { ...result, ...occupantRefusal(original) } };
    } catch (err) {
      return { skipped: { ...result, outcome: 'FAILED', reason: (err as Error).message } };
    }
  }
  return { item: itemOf(record, quarantine, action, resume) };
}

/**
 * A restore item: from where the object is now (the quarantine copy; a sealed or tagged object is at its key,
 * and the engine tells a newer object there from it, so no occupant check) back to where it was found.
 */
function itemOf(
  record: LedgerRecord,
  object: { readonly bucket: string; readonly key: string },
  action: RemediationAction,
  resume: boolean,
): RestorePlanItem {
  const { bucket, key, versionId } = record.source;
  return {
    findingId: record.findingId,
    type: record.findingType,
    severity: record.severity,
    action,
    object,
    target: { bucket, key, ...(versionId ? { versionId } : {}) },
    ...(resume ? { resume } : {}),
  };
}

/**
 * The exact plan of a restore: each quarantined finding's copy and where it goes back, each sealed or tagged
 * object to undo in place; an object now at the original location of a copy is a CONFLICT (restore never
 * overwrites without --force). Changes nothing.
 */
async function buildRestorePlan(
  env: OperationEnv,
  records: readonly LedgerRecord[],
  options: RestorePlanOptions,
): Promise<RestorePlan> {
  return assemblePlan(env, 'restore', records, options, (r) => planOne(env, r, options));
}

export type { RestorePlanOptions };
export { buildRestorePlan };
