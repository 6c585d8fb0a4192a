import { DEFAULT_REMEDIATION } from '../../core/policy/remediation-action';
import { headObject } from '../../core/quarantine/head-object';
import { objectClients } from '../../core/quarantine/object-clients';
import { remediationAdmission } from '../../core/remediation/admission';
import { admitFinding } from '../../core/remediation/admit-finding';
import { objectChange, restoreChange } from '../../core/remediation/plan-checks';
import { resultFromRecord } from '../../core/remediation/result-from-record';
import type { RemediationResult } from '../../core/types/outcome';
import { type BulkRun, runBulk } from '../bulk/run-bulk';
import type { SelectedFinding } from '../findings/select-findings';
import { subjectOf } from './finding-subject';
import type { OperationEnv } from './operation-env';
import type { RemediatePlan, RemediatePlanItem, RestorePlan, RestorePlanItem } from './plan-schema';

interface ExecuteOptions {
  readonly force: boolean;
  /**
   * Re-read each object (remediate) or ledger record (restore) first and refuse, as STALE, whatever
   * changed since the plan was made: `apply` of a plan file. A plan made a moment ago needs no second look.
   */
  readonly recheck: boolean;
  /**
   * The plan's objects are as their findings saw them, not looked at (`remediate --yes`): each job is pinned, as a
   * Remediate click is, by its finding's version and ETag rather than by the plan's.
   */
  readonly asScanned?: boolean;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onDone?: (result: RemediationResult) => void;
  /** The asker's reason: every job carries it into the finding's history. */
  readonly reason?: string;
}

const failed = (base: Pick<RemediationResult, 'findingId' | 'source'>, err: unknown): RemediationResult => ({
  ...base,
  outcome: 'FAILED',
  reason: err instanceof Error ? err.message : String(err),
});

/**
 * One planned quarantine: admit a finding the ledger has not seen, then hand the job to the
 * remediator (in this process, or the deployed function) pinned to the planned object.
 */
async function remediateItem(
  env: OperationEnv,
  item: RemediatePlanItem,
  selected: SelectedFinding | undefined,
  options: ExecuteOptions,
): Promise<RemediationResult> {
  const { bucket, key, versionId } = item.object;
  const base = { findingId: item.findingId, source: { bucket, key, ...(versionId ? { versionId } : {}) } };
  if (!selected) return failed(base, new Error(`finding ${item.findingId} was not found`));
  try {
    if (options.recheck && !item.resume) {
      // A plan applied twice: the ledger knows the object moved, before S3 says it is gone.
      const admission = await remediationAdmission(env.deps, selected.record);
      if (admission.admit === 'skip') return admission.result;
      // Pinned by the finding's version, if it names one: the planned version is what HeadObject saw.
      const subject = subjectOf(selected);
      const { versionId: pinned } = subject.source;
      const request = { bucket, key, ...(pinned ? { versionId: pinned } : {}) };
      const { source } = await objectClients(env, subject.account, subject.region);
      const change = objectChange(request, item.object, await headObject(source, request, 'inspect'));
      if (change) return { ...base, ...change };
    }
    // The selection read the ledger: a finding it found unrecorded is admitted without reading it again.
    const record = selected.finding
      ? await admitFinding(env.deps, selected.finding, env.actor, { unrecorded: selected.record === undefined })
      : selected.record;
    if (!record) return failed(base, new Error(`finding ${item.findingId} is not in the ledger`));
    const admission = await remediationAdmission(env.deps, record);
    if (admission.admit === 'skip') return admission.result;
    const result = await env.deps.dispatcher.dispatch(
      {
        kind: 'remediate',
        findingId: item.findingId,
        actor: env.actor,
        ...(options.force ? { force: true } : {}),
        ...(options.reason ? { reason: options.reason } : {}),
        ...(item.action && !item.resume ? { action: item.action } : {}),
        // A resumed move is pinned by the finding and the engine's own copy, not by an object that may be gone.
        ...(item.resume || options.asScanned
          ? {}
          : { expected: { eTag: item.object.eTag, ...(versionId ? { versionId } : {}) } }),
      },
      // Just admitted (or found by admitting): the job starts from it. One the plan read earlier may have moved on.
      selected.finding ? record : undefined,
    );
    return result ?? { ...resultFromRecord(record), reason: 'sent to the remediator' };
  } catch (err) {
    return failed(base, err);
  }
}

/** One planned restore; with `recheck`, only if the finding is still in quarantine where the plan saw it. */
async function restoreItem(
  env: OperationEnv,
  item: RestorePlanItem,
  options: ExecuteOptions,
): Promise<RemediationResult> {
  const action = item.action ?? DEFAULT_REMEDIATION;
  const base = {
    findingId: item.findingId,
    source: item.target,
    ...(action === 'QUARANTINE' ? { quarantine: item.object } : {}),
    action,
  };
  try {
    if (options.recheck) {
      const record = await env.deps.ledger.get(item.findingId);
      const planned = { key: item.object.key, action, resume: item.resume === true };
      const change = restoreChange(item.findingId, record, planned);
      if (change) return { ...base, ...change };
    }
    const result = await env.deps.dispatcher.dispatch({
      kind: 'restore',
      findingId: item.findingId,
      actor: env.actor,
      ...(env.approver ? { approver: env.approver } : {}),
      ...(options.force ? { force: true } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    });
    return result ?? { ...base, outcome: 'PLANNED', reason: 'sent to the remediator' };
  } catch (err) {
    return failed(base, err);
  }
}

/** Carries out a plan, `concurrency` items at a time; Ctrl-C (the signal) lets the items in flight finish. */
function executePlan(
  env: OperationEnv,
  plan: RemediatePlan | RestorePlan,
  findings: ReadonlyMap<string, SelectedFinding>,
  options: ExecuteOptions,
): Promise<BulkRun<RemediationResult>> {
  const bulk = { concurrency: options.concurrency, signal: options.signal, onDone: options.onDone };
  if (plan.kind === 'restore') return runBulk(plan.items, bulk, (item) => restoreItem(env, item, options));
  return runBulk(plan.items, bulk, (item) => remediateItem(env, item, findings.get(item.findingId), options));
}

export type { ExecuteOptions };
export { executePlan };
