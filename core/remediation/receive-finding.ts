import { RemediateError } from '../errors';
import { objectIdentity, objectLocation } from '../finding/object-identity';
import { isObjectHeld, isWorking, jobKindOf } from '../ledger/finding-state';
import { buildRestoredRescanReason } from '../slack/messages/restored-rescan';
import type { Finding } from '../types/finding';
import type { LedgerRecord, RestoredObject } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Decision } from '../types/policy';
import type { ClaimResult, RemediationJob } from '../types/ports';
import { announceReview, wasDigested } from './announce-review';
import { decideFinding } from './decide-finding';
import { deliverOwedUpdates } from './deliver-owed-updates';
import { inProgress, isInterrupted, newLease } from './finding-lease';
import type { FindingDeps, WorkflowDeps } from './RemediationDeps';
import { recordFields } from './record-fields';
import { restoreThatDecided } from './restored-rescan';
import { resultFromRecord } from './result-from-record';

/** What became of a finding, and whether the ledger already had it (a redelivery: nothing new). */
interface Received {
  readonly result: RemediationResult;
  readonly seenBefore: boolean;
}

/**
 * The path of a new finding, shared by the finding handler and `backfill`: decide with the policy,
 * record it once (EventBridge delivers at least once), link re-scans of an object already in hand,
 * then hand AUTO findings to the remediator and post REVIEW findings to Slack.
 */
async function receiveFinding(deps: FindingDeps, finding: Finding, actor = 'auto'): Promise<RemediationResult> {
  return (await receive(deps, finding, actor)).result;
}

/**
 * The restores of the objects of findings listed together (a backfill's page), read after the listing:
 * `ledger.restoredObjects` of their locations. A location it leaves out had no restore then.
 */
type ListedRestores = ReadonlyMap<string, RestoredObject>;

/**
 * {@link receiveFinding}, telling a redelivery apart. A known finding is not read first: the conditional
 * write that records a new one answers with the record it found, so a new finding costs no read. Given the
 * restores read for its page, a finding whose object nobody claimed before reads none of its own.
 */
async function receive(
  deps: FindingDeps,
  finding: Finding,
  actor = 'auto',
  listed?: ListedRestores,
): Promise<Received> {
  const decision = await decideFinding(deps, finding);
  const source = sourceOf(finding);
  if (decision.action === 'IGNORE') {
    if (decision.ignoreReason === 'EXEMPT') return recordExempt(deps, finding, decision, source, actor);
    deps.logger.info('finding ignored', { findingId: finding.id, reason: decision.reason });
    return {
      result: { findingId: finding.id, outcome: 'IGNORED', source, reason: decision.reason },
      seenBefore: false,
    };
  }
  const recorded = await recordFinding(deps, finding, decision, source, actor, listed);
  return 'existing' in recorded
    ? { result: await resumeDelivery(deps, recorded.existing), seenBefore: true }
    : { result: await recorded.next(), seenBefore: false };
}

/**
 * An exempt object's finding is recorded once, IGNORED with the exemption as its reason, so the audit trail
 * shows what was let be and why; nothing is claimed, announced or moved. A redelivery reads the record.
 */
async function recordExempt(
  deps: FindingDeps,
  finding: Finding,
  decision: Decision,
  source: RemediationResult['source'],
  actor: string,
): Promise<Received> {
  const reason = decision.reason;
  const now = deps.clock().toISOString();
  const begun = await deps.ledger.begin({
    ...recordFields(finding, decision, source, now),
    state: 'IGNORED',
    history: [{ at: now, actor, action: 'exempted', outcome: 'IGNORED', detail: reason }],
  });
  if (!begun.created) return { result: await resumeDelivery(deps, begun.existing), seenBefore: true };
  deps.logger.info('finding of an exempt object recorded', { findingId: finding.id, reason });
  return { result: { findingId: finding.id, outcome: 'IGNORED', source, reason }, seenBefore: false };
}

/** The finding's record was there already; or it is written now, and `next` finishes what it started. */
type Recorded = { readonly existing: LedgerRecord } | { readonly next: () => Promise<RemediationResult> };

/**
 * Records a new finding (claiming its object, or linking it to the finding that holds it): what to do
 * next, or the record already there.
 */
async function recordFinding(
  deps: FindingDeps,
  finding: Finding,
  decision: Exclude<Decision, { readonly action: 'IGNORE' }>,
  source: RemediationResult['source'],
  actor: string,
  listed: ListedRestores | undefined,
): Promise<Recorded> {
  const identity = objectIdentity(finding);
  const location = objectLocation(finding);
  const claim = await deps.ledger.claimObject(identity, finding.id);
  // Another finding's claim: linked to it while it holds the object, else taken over.
  const owner = claim.claimed ? undefined : await claimOrLink(deps, identity, finding.id, claim);
  // The restore is read only once the object is claimed (or its holder found): a restore lets go of the object
  // only after it is remembered, so a re-scan that got the object sees it. A first claim: no finding of this
  // version (or ETag) was recorded, so a restore that decides this one put the bytes back as a new version or
  // ETag, which Macie found only after the restore was remembered: before it listed this finding, before the
  // page's read (short of the same bytes uploaded twice, as two versions).
  const restore = restoreThatDecided(
    claim.claimed && claim.first && listed ? listed.get(location) : await deps.ledger.restoredObject(location),
    finding,
  );
  // Left as before: a re-scan of restored bytes claims nothing (a redelivery keeps the claim it held).
  const tookClaim = owner === undefined && !(claim.claimed && claim.heldBefore);
  if (restore && tookClaim) await deps.ledger.releaseObject(identity, finding.id);
  const accountName = await accountNameOf(deps, finding);
  const now = deps.clock().toISOString();
  const base = { ...recordFields(finding, decision, source, now), ...(accountName ? { accountName } : {}) };

  if (restore) return keepRestored(deps, { ...base, state: 'IGNORED' }, restore, actor, source);

  if (owner) {
    const begun = await deps.ledger.begin({
      ...base,
      state: 'LINKED',
      linkedTo: owner.findingId,
      history: [{ at: now, actor, action: 'linked', detail: `same object as finding ${owner.findingId}` }],
    });
    if (!begun.created) return { existing: begun.existing };
    return {
      next: async () => {
        await deps.ledger.annotate(owner.findingId, { at: now, actor, action: 'linked', detail: finding.id });
        const linked = resultFromRecord(owner);
        return {
          ...linked,
          findingId: finding.id,
          reason: `same object as finding ${owner.findingId} (${owner.state})`,
        };
      },
    };
  }

  const auto = decision.action === 'AUTO';
  // An AUTO finding is taken with the write that records it; the remediator works under that lease.
  const lease = auto ? newLease(deps, 'auto') : undefined;
  const begun = await deps.ledger.begin({
    ...base,
    state: auto ? 'REMEDIATING' : 'AWAITING_REVIEW',
    ...(lease ? { lease } : {}),
    history: [{ at: now, actor, action: 'received', detail: decision.reason }],
  });
  if (!begun.created) return { existing: begun.existing };
  return {
    next: () => (lease ? dispatch(deps, begun.record, 'remediate', lease.owner) : announceReview(deps, begun.record)),
  };
}

/**
 * A re-scan of bytes a person restored: recorded IGNORED, linked to the restore's finding (whose history
 * notes it), nothing moved, nothing posted.
 */
async function keepRestored(
  deps: FindingDeps,
  record: Omit<LedgerRecord, 'version' | 'updatedAt' | 'history'>,
  restore: RestoredObject,
  actor: string,
  source: RemediationResult['source'],
): Promise<Recorded> {
  const reason = buildRestoredRescanReason(restore);
  const at = record.createdAt;
  const begun = await deps.ledger.begin({
    ...record,
    linkedTo: restore.findingId,
    history: [{ at, actor, action: 'ignored', outcome: 'IGNORED', detail: reason }],
  });
  if (!begun.created) return { existing: begun.existing };
  return {
    next: async () => {
      await deps.ledger.annotate(restore.findingId, { at, actor, action: 'rescan-ignored', detail: record.findingId });
      deps.logger.info('re-scan of a restored object ignored', {
        findingId: record.findingId,
        restoredBy: restore.findingId,
      });
      return { findingId: record.findingId, outcome: 'IGNORED', source, reason };
    },
  };
}

/**
 * The name of another account, asked once as its finding is recorded: the record keeps it, so every later
 * message and table shows it without asking again. The own account's findings ask nothing (a stack of one
 * account never loads the Organizations client), nor does a door that cannot tell which account is its own.
 */
async function accountNameOf(deps: FindingDeps, finding: Finding): Promise<string | undefined> {
  if (!deps.accountNames) return undefined;
  const own = await deps.ownAccount().catch(() => undefined);
  if (own === undefined || own === finding.accountId) return undefined;
  return deps.accountNames.nameOf(finding.accountId);
}

/**
 * A redelivered or re-run finding: finish what an earlier delivery left undone, announce nothing twice.
 * A move or restore whose run died (its lease expired, or its process is gone) is handed to the
 * remediator again, which takes the finding over and finishes it; one still at work is left alone.
 */
async function resumeDelivery(deps: FindingDeps, record: LedgerRecord): Promise<RemediationResult> {
  if (record.state === 'AWAITING_REVIEW' && ((!record.slack && !wasDigested(record)) || record.notificationOwed)) {
    return announceReview(deps, record);
  }
  if (isInterrupted(deps, record)) {
    return dispatch(deps, record, jobKindOf(record.state));
  }
  if (isWorking(record.state)) {
    return { ...resultFromRecord(record), reason: inProgress(record.lease) };
  }
  // A re-scan left alone (a restored object's): its reason is the event that recorded it.
  const why = record.state === 'IGNORED' ? record.history[0]?.detail : undefined;
  if (why) return { ...resultFromRecord(record), reason: why };
  await deliverOwedUpdates(deps, record);
  return resultFromRecord(record);
}

async function dispatch(
  deps: FindingDeps,
  record: LedgerRecord,
  kind: RemediationJob['kind'],
  lease?: string,
): Promise<RemediationResult> {
  // The policy decided to act: the job runs as `auto`, whichever door (event, backfill) delivered it.
  const actor = 'auto';
  const job = { kind, findingId: record.findingId, actor, ...(lease ? { lease } : {}) };
  const result = await deps.dispatcher.dispatch(job, lease ? record : undefined);
  return result ?? { ...resultFromRecord(record), reason: 'sent to the remediator' };
}

/** Claims of one object by one finding before giving up: each lost claim means another finding just moved. */
const CLAIM_ATTEMPTS = 3;

/**
 * Claims the object for this finding. Returns the record that already holds it, if one does; a claim
 * left behind by a finding that no longer holds its object (dismissed, restored, failed) is taken over.
 * `tried`: the claim the caller made already.
 */
async function claimOrLink(
  deps: WorkflowDeps,
  identity: string,
  findingId: string,
  tried?: ClaimResult,
): Promise<LedgerRecord | undefined> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const claim = attempt === 0 && tried ? tried : await deps.ledger.claimObject(identity, findingId);
    if (claim.claimed) return undefined;
    // No owner: it let go between our claim and our look; claim again.
    if (claim.ownerFindingId === undefined) continue;
    const owner = await deps.ledger.get(claim.ownerFindingId);
    if (owner && isObjectHeld(owner.state)) return owner;
    await deps.ledger.releaseObject(identity, claim.ownerFindingId);
  }
  throw new RemediateError('INTERNAL', `could not claim object ${identity}: its claim keeps changing`, {
    context: { findingId },
  });
}

function sourceOf(finding: Finding): RemediationResult['source'] {
  const object = finding.object;
  if (!object) return { bucket: '', key: '' };
  return { bucket: object.bucket, key: object.key, ...(object.versionId ? { versionId: object.versionId } : {}) };
}

export type { ListedRestores, Received };
export { claimOrLink, receive, receiveFinding, resumeDelivery, sourceOf };
