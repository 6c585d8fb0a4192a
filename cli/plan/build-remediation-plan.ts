import { DEFAULT_REMEDIATION } from '../../core/policy/remediation-action';
import { headObject } from '../../core/quarantine/head-object';
import { normaliseETag } from '../../core/quarantine/normalise-etag';
import { objectClients } from '../../core/quarantine/object-clients';
import { buildQuarantineKey } from '../../core/quarantine/quarantine-key';
import { remediationAdmission } from '../../core/remediation/admission';
import { decideFinding } from '../../core/remediation/decide-finding';
import { decisionNow, type PlannedObject, policyRefusal, sourceRefusal } from '../../core/remediation/plan-checks';
import type { Decision, RemediationAction } from '../../core/types/policy';
import { outsideAccounts } from '../findings/account-filter';
import type { SelectedFinding } from '../findings/select-findings';
import { assemblePlan, type PlanEntry } from './assemble-plan';
import { skip, subjectOf } from './finding-subject';
import type { OperationEnv } from './operation-env';
import type { RemediatePlan, RemediatePlanItem } from './plan-schema';

interface RemediationPlanOptions {
  /** Plan objects that changed since the scan too. */
  readonly force: boolean;
  /** Plan findings the policy ignores (explicit ids always are; filters only with --include-ignored). */
  readonly includeIgnored: boolean;
  /** HeadObject calls in parallel. */
  readonly concurrency: number;
  /**
   * Look at every object now (HeadObject) and leave out what changed or went since the scan: a plan someone reads
   * before anything runs (a confirmation, `--dry-run`, `--plan`). Without it the items are the objects as their
   * findings saw them, and each move looks for itself once it holds the finding (`--yes`).
   */
  readonly look: boolean;
  /** `--account`: findings of other accounts are skipped (empty: every account). */
  readonly accounts: readonly string[];
  /** `--action`: how every item is remediated. @default each finding's (the policy's, or what its record started) */
  readonly action?: RemediationAction;
}

async function planOne(
  env: OperationEnv,
  selected: SelectedFinding,
  options: RemediationPlanOptions,
): Promise<PlanEntry<RemediatePlanItem>> {
  const outside = outsideAccounts(options.accounts, subjectOf(selected).account);
  if (outside) return { skipped: skip(selected, 'IGNORED', outside) };
  const admission = await remediationAdmission(env.deps, selected.record);
  if (admission.admit === 'skip') return { skipped: admission.result };
  const resume = admission.admit === 'resume';
  const current = selected.finding && (await decideFinding(env.deps, selected.finding));
  const decision = decisionNow(current, selected.record);
  const ignored = policyRefusal(decision, { includeIgnored: options.includeIgnored, resume });
  if (ignored) return { skipped: skip(selected, ignored.outcome, ignored.reason) };

  const subject = subjectOf(selected);
  const { bucket, key, versionId } = subject.source;
  const request = { bucket, key, ...(versionId ? { versionId } : {}) };
  // A resumed move finishes with the action it started with, whatever is asked now.
  const action = (!resume && options.action) || actionOf(selected, decision);
  if (!options.look) {
    const item = itemOf(env, selected, decision, action, request, asScanned(selected));
    return { item: resume ? { ...item, resume } : item };
  }
  let snapshot: Awaited<ReturnType<typeof headObject>>;
  try {
    const { source } = await objectClients(env, subject.account, subject.region);
    snapshot = await headObject(source, request, 'inspect');
  } catch (err) {
    return { skipped: skip(selected, 'FAILED', (err as Error).message) };
  }
  const refused = sourceRefusal(request, snapshot, subject.source.eTag, { force: options.force, resume });
  if (refused?.outcome === 'SOURCE_MISSING') {
    // Another run may have moved it since the ledger was read above: what the ledger says now comes first.
    const now = await remediationAdmission(env.deps, await env.deps.ledger.get(selected.id));
    if (now.admit === 'skip') return { skipped: now.result };
  }
  if (refused) return { skipped: skip(selected, refused.outcome, refused.reason) };
  // Only a resumed move gets here without an object: the engine finishes it from its own copy.
  if (!snapshot)
    return { item: { ...itemOf(env, selected, decision, action, request, asScanned(selected)), resume: true } };
  const item = itemOf(env, selected, decision, action, request, snapshot);
  return { item: resume ? { ...item, resume } : item };
}

/** The object as the finding saw it: for a plan that does not look, and a resumed move whose source is already gone. */
function asScanned(selected: SelectedFinding): PlannedObject {
  const { source } = subjectOf(selected);
  const finding = selected.finding ?? selected.record?.finding;
  return {
    size: finding?.object?.size ?? 0,
    eTag: normaliseETag(source.eTag) ?? 'unknown',
    ...(source.versionId ? { versionId: source.versionId } : {}),
  };
}

/** The record's action once a job started it; else the policy's now. */
const actionOf = (selected: SelectedFinding, decision: Decision | undefined): RemediationAction =>
  selected.record?.remediation ??
  (decision && decision.action !== 'IGNORE' ? decision.remediation : undefined) ??
  DEFAULT_REMEDIATION;

function itemOf(
  env: OperationEnv,
  selected: SelectedFinding,
  decision: Decision | undefined,
  action: RemediationAction,
  request: { bucket: string; key: string },
  object: PlannedObject,
): RemediatePlanItem {
  const subject = subjectOf(selected);
  const { bucket, key } = request;
  return {
    findingId: selected.id,
    type: subject.type,
    severity: subject.severity,
    decision: decision?.action ?? 'REVIEW',
    action,
    object: {
      bucket,
      key,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      size: object.size,
      eTag: object.eTag,
    },
    // Sealed and tagged objects stay where they are.
    target:
      action === 'QUARANTINE'
        ? { bucket: env.quarantineBucket, key: buildQuarantineKey(selected.id, bucket, key).key }
        : { bucket, key },
  };
}

/**
 * The exact plan of a remediation: every selected finding either becomes an item (its object as
 * HeadObject reports it now, or as the finding saw it without `look`, and where it will go) or is skipped
 * with the outcome a run would report. Changes nothing.
 */
async function buildRemediationPlan(
  env: OperationEnv,
  selected: readonly SelectedFinding[],
  options: RemediationPlanOptions,
): Promise<RemediatePlan> {
  return assemblePlan(env, 'remediate', selected, options, (s) => planOne(env, s, options));
}

export type { RemediationPlanOptions };
export { buildRemediationPlan };
