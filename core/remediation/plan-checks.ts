import { DEFAULT_REMEDIATION } from '../policy/remediation-action';
import { describeLocation, type ObjectSnapshot } from '../quarantine/head-object';
import { normaliseETag } from '../quarantine/normalise-etag';
import type { LedgerRecord } from '../types/ledger';
import type { ObjectLocation, RemediationResult } from '../types/outcome';
import type { Decision, IgnoreReason, RemediationAction } from '../types/policy';
import { remediationOf } from './remediation-actions';

/*
 * The rules a plan applies to a finding besides its ledger state (./admission): what the policy says
 * now, what the object and the record say now. Pure: the door makes the reads (HeadObject, the ledger)
 * and passes the answers, so the plan, its `apply` and any later door judge alike.
 */

/** Why a finding is left out of a run: the outcome it reports, in words. */
interface Refusal {
  readonly outcome: RemediationResult['outcome'];
  readonly reason: string;
}

/** The object as a plan pins it. */
type PlannedObject = Pick<ObjectSnapshot, 'size' | 'eTag' | 'versionId'>;

/**
 * Findings no flag makes actionable: those that name no object to move, and those of an account out of
 * scope (this stack has no right to its objects).
 */
const NEVER_ACTIONABLE: readonly IgnoreReason[] = [
  'SAMPLE',
  'POLICY_FINDING',
  'NOT_SENSITIVE_DATA',
  'ACCOUNT_OUT_OF_SCOPE',
];

/**
 * The policy's decision now: `current`, the decision on the finding at hand (core/remediation/decide-finding);
 * for a finding only the ledger knows, the one recorded when it arrived (undefined when that was IGNORE:
 * the record cannot say why).
 */
function decisionNow(current: Decision | undefined, record: LedgerRecord | undefined): Decision | undefined {
  if (current) return current;
  const action = record?.decision;
  if (action === 'AUTO' || action === 'REVIEW')
    return { action, reason: `${action} when it arrived`, remediation: record?.remediation ?? DEFAULT_REMEDIATION };
  return undefined;
}

/**
 * Whether `remediate` may move a finding the policy ignores: only with `includeIgnored`, and never one
 * that is never actionable (nothing to move, or an account out of scope). A move a killed run started (`resume`) is finished whatever the policy
 * says now: its object is half moved.
 */
function policyRefusal(
  decision: Decision | undefined,
  options: { readonly includeIgnored: boolean; readonly resume: boolean },
): Refusal | undefined {
  if (options.resume || decision?.action !== 'IGNORE') return undefined;
  if (NEVER_ACTIONABLE.includes(decision.ignoreReason)) return { outcome: 'IGNORED', reason: decision.reason };
  if (options.includeIgnored) return undefined;
  return { outcome: 'IGNORED', reason: `${decision.reason} (--include-ignored acts on it anyway)` };
}

/**
 * Whether the object HeadObject found (`now`) may be planned for a move: it exists and, unless pinned by
 * a version id or `force`d, holds the bytes the finding saw (its ETag). A resumed move is the engine's
 * to judge (it knows its own copy), even when the source is already gone.
 */
function sourceRefusal(
  request: ObjectLocation,
  now: PlannedObject | undefined,
  scannedETag: string | undefined,
  options: { readonly force: boolean; readonly resume: boolean },
): Refusal | undefined {
  if (options.resume) return undefined;
  if (!now) return { outcome: 'SOURCE_MISSING', reason: `${describeLocation(request)} does not exist` };
  const scanned = normaliseETag(scannedETag);
  if (request.versionId || !scanned || scanned === now.eTag || options.force) return undefined;
  return {
    outcome: 'STALE',
    reason: `${describeLocation(request)} changed since the scan (ETag ${now.eTag}, the finding saw ${scanned}); --force quarantines it anyway`,
  };
}

/** At `apply`: whether the object HeadObject finds now is still the one the plan pinned; what differs, in words. */
function objectChange(
  request: ObjectLocation,
  planned: PlannedObject,
  now: PlannedObject | undefined,
): Refusal | undefined {
  if (!now) return { outcome: 'SOURCE_MISSING', reason: `${describeLocation(request)} no longer exists` };
  const changes = [
    now.eTag !== planned.eTag ? `ETag ${planned.eTag} → ${now.eTag}` : '',
    now.size !== planned.size ? `size ${planned.size} → ${now.size}` : '',
    (now.versionId ?? '') !== (planned.versionId ?? '')
      ? `version ${planned.versionId ?? 'none'} → ${now.versionId ?? 'none'}`
      : '',
  ].filter((c) => c !== '');
  if (changes.length === 0) return undefined;
  return {
    outcome: 'STALE',
    reason: `${describeLocation(request)} changed since the plan was made (${changes.join(', ')}): not moved`,
  };
}

/**
 * Whether a restore must look for an object at the original location first: restore never overwrites
 * without `force`. A resumed restore may have copied back already; the engine tells its own bytes from
 * another object.
 */
const needsOccupantCheck = (options: { readonly force: boolean; readonly resume: boolean }): boolean =>
  !options.force && !options.resume;

/** An object found at the original location: the restore would overwrite it. */
const occupantRefusal = (original: ObjectLocation): Refusal => ({
  outcome: 'CONFLICT',
  reason: `an object now exists at ${describeLocation(original)}; --force overwrites it`,
});

/**
 * At `apply`: whether a planned restore still stands, from the finding's record now: remediated with the
 * planned action, the object where the plan saw it (the quarantine copy's key, or a sealed or tagged object's
 * own key), a resumed restore still restoring; one already restored reports so.
 */
function restoreChange(
  findingId: string,
  record: LedgerRecord | undefined,
  planned: { readonly key: string; readonly action: RemediationAction; readonly resume: boolean },
): Refusal | undefined {
  if (!record) return { outcome: 'FAILED', reason: `finding ${findingId} is no longer in the ledger` };
  if (record.state === 'RESTORED') return { outcome: 'RESTORED', reason: 'already restored' };
  const admitted = planned.resume ? 'RESTORING' : 'QUARANTINED';
  const key = record.quarantine?.key ?? record.source.key;
  if (record.state === admitted && remediationOf(record) === planned.action && key === planned.key) return undefined;
  return {
    outcome: 'STALE',
    reason: `the finding is ${record.state.toLowerCase()} now, not in quarantine as planned: not restored`,
  };
}

export type { PlannedObject, Refusal };
export { decisionNow, needsOccupantCheck, objectChange, occupantRefusal, policyRefusal, restoreChange, sourceRefusal };
