import { DEFAULT_REMEDIATION } from '../policy/remediation-action';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationAction } from '../types/policy';
import type { RemediationJob, Transition } from '../types/ports';
import type { JobDeps } from './RemediationDeps';

/** The tag the TAG action puts on an object: access policies match `s3:ExistingObjectTag/<this key>`. */
const CLASSIFICATION_TAG = 'macie-remediate:classification';

/** S3 allows tag values of 256 characters at most. */
const MAX_TAG_VALUE = 256;

/** The event that ends a remediation whose object reached where the action takes it. */
const LANDED_EVENTS: Readonly<Record<RemediationAction, string>> = {
  QUARANTINE: 'quarantined',
  SEAL: 'sealed',
  TAG: 'tagged',
};

/** How a record's object is remediated: what its job started with, else the policy's choice. */
const remediationOf = (record: LedgerRecord): RemediationAction => record.remediation ?? DEFAULT_REMEDIATION;

/**
 * The classification tag's value: severity, type and finding id, space-separated (none of them holds a space),
 * so a policy can match `HIGH *` or `* SensitiveData:S3Object/Financial *`.
 */
const classificationTag = (record: LedgerRecord): { readonly key: string; readonly value: string } => ({
  key: CLASSIFICATION_TAG,
  value: `${record.severity.toUpperCase()} ${record.findingType} ${record.findingId}`.slice(0, MAX_TAG_VALUE),
});

/** Whose object, in which Region: the finding says; a record without one is the own account's, in the home Region. */
function whereFrom(record: LedgerRecord): { readonly account?: string; readonly region?: string } {
  const finding = record.finding;
  return finding ? { account: finding.accountId, region: finding.region } : {};
}

function sourceOf(record: LedgerRecord): RemediationResult['source'] {
  const { bucket, key, versionId } = record.source;
  return { bucket, key, ...(versionId ? { versionId } : {}) };
}

/** What an action did: the job's result, whether the object is now remediated, what the record keeps. */
interface Performed {
  readonly result: RemediationResult;
  readonly landed: boolean;
  readonly patch?: Transition['patch'];
}

/** Does the record's action to its object, through the engine: every action verifies before it removes anything. */
async function performAction(
  deps: JobDeps,
  record: LedgerRecord,
  job: Omit<RemediationJob, 'kind'>,
  /** No run has moved this finding's object before (see run-remediation's isFirstMove). */
  firstMove: boolean,
): Promise<Performed> {
  const action = remediationOf(record);
  const target = {
    findingId: record.findingId,
    source: { ...record.source, ...job.expected, ...whereFrom(record) },
    actor: job.actor,
    ...(job.force ? { force: true } : {}),
  };
  const base = { findingId: record.findingId, source: sourceOf(record), action };
  switch (action) {
    case 'QUARANTINE': {
      const moved = await deps.quarantine.quarantine({ ...target, ...(firstMove ? { firstMove } : {}) });
      if (moved.outcome !== 'QUARANTINED' && moved.outcome !== 'ALREADY_QUARANTINED')
        return { landed: false, result: { ...base, outcome: moved.outcome, reason: moved.reason } };
      const quarantine = { bucket: moved.copy.quarantine.bucket, key: moved.copy.quarantine.key };
      const reason = moved.outcome === 'QUARANTINED' && moved.reason ? { reason: moved.reason } : {};
      return {
        landed: true,
        result: { ...base, outcome: moved.outcome, quarantine, ...reason },
        patch: { quarantine },
      };
    }
    case 'SEAL': {
      const sealed = await deps.quarantine.seal(target);
      if (sealed.outcome === 'ALREADY_SEALED')
        return { landed: true, result: { ...base, outcome: 'SEALED', reason: 'already sealed' } };
      if (sealed.outcome === 'SEALED')
        return {
          landed: true,
          result: { ...base, outcome: 'SEALED', ...(sealed.reason ? { reason: sealed.reason } : {}) },
        };
      return { landed: false, result: { ...base, outcome: sealed.outcome, reason: sealed.reason } };
    }
    case 'TAG': {
      const tag = classificationTag(record);
      const tagged = await deps.quarantine.tag({ ...target, tag });
      if ('location' in tagged)
        return { landed: true, result: { ...base, outcome: 'TAGGED', reason: `tagged ${tag.key}=${tag.value}` } };
      return { landed: false, result: { ...base, outcome: tagged.outcome, reason: tagged.reason } };
    }
  }
}

/** What undoing an action did; `eTag`: the object's as it is back (what a re-scan of the same bytes will name). */
interface Undone {
  readonly result: RemediationResult;
  readonly back: boolean;
  readonly eTag?: string;
}

/** Undoes the record's action: the copy back from quarantine, the seal re-encrypted as it was, the tag taken off. */
async function undoAction(deps: JobDeps, record: LedgerRecord, job: Omit<RemediationJob, 'kind'>): Promise<Undone> {
  const action = remediationOf(record);
  const base = {
    findingId: record.findingId,
    source: sourceOf(record),
    action,
    ...(record.quarantine ? { quarantine: record.quarantine } : {}),
  };
  const force = job.force ? { force: true } : {};
  const location = { bucket: record.source.bucket, key: record.source.key, ...whereFrom(record) };
  const undone =
    action === 'QUARANTINE'
      ? await deps.quarantine.restore({ findingId: record.findingId, actor: job.actor, ...force })
      : action === 'SEAL'
        ? await deps.quarantine.unseal({ findingId: record.findingId, actor: job.actor, source: location, ...force })
        : await deps.quarantine.untag({
            findingId: record.findingId,
            actor: job.actor,
            source: { ...location, ...(record.source.versionId ? { versionId: record.source.versionId } : {}) },
            tag: classificationTag(record),
          });
  if (undone.outcome !== 'RESTORED')
    return { back: false, result: { ...base, outcome: undone.outcome, reason: undone.reason } };
  // Tagging changes no bytes: the object's ETag is the one the finding saw.
  const eTag = 'restored' in undone ? undone.restored.eTag : record.source.eTag;
  return { back: true, result: { ...base, outcome: 'RESTORED' }, ...(eTag ? { eTag } : {}) };
}

export { CLASSIFICATION_TAG, classificationTag, LANDED_EVENTS, performAction, remediationOf, undoAction, whereFrom };
