import type { FetchedFinding } from '../finding/macie-findings';
import { decideFinding } from '../remediation/decide-finding';
import type { FindingDeps } from '../remediation/RemediationDeps';
import { type ListedRestores, receive, sourceOf } from '../remediation/receive-finding';
import { resultFromRecord } from '../remediation/result-from-record';
import type { Finding } from '../types/finding';
import type { RemediationResult } from '../types/outcome';

/** One finding's part in a backfill: its result, whether the ledger already had it (nothing new), whose object. */
interface BackfillItem {
  readonly result: RemediationResult;
  readonly seenBefore: boolean;
  /** The finding's account; absent for a finding that did not parse. */
  readonly account?: string;
}

const SEEN = 'already in the ledger: nothing new';

/**
 * A finding read from Macie (`backfill`, the reconciler) through the live pipeline's path (receiveFinding): AUTO is quarantined, REVIEW
 * gets its Slack message, IGNORE is left alone, and a finding the ledger knows announces nothing
 * twice. With `dryRun`, only says what would happen. Never throws: a failure is a FAILED result.
 */
async function backfillFinding(
  deps: FindingDeps,
  fetched: FetchedFinding,
  actor: string,
  dryRun: boolean,
  listed?: ListedRestores,
): Promise<BackfillItem> {
  if (!fetched.ok) {
    return {
      result: { findingId: fetched.id, outcome: 'FAILED', source: { bucket: '', key: '' }, reason: fetched.reason },
      seenBefore: false,
    };
  }
  const { finding } = fetched;
  return { ...(await handled(deps, finding, actor, dryRun, listed)), account: finding.accountId };
}

async function handled(
  deps: FindingDeps,
  finding: Finding,
  actor: string,
  dryRun: boolean,
  listed: ListedRestores | undefined,
): Promise<BackfillItem> {
  try {
    if (dryRun) return await dryRunOf(deps, finding);
    const received = await receive(deps, finding, actor, listed);
    return received.seenBefore
      ? { result: { ...received.result, reason: received.result.reason ?? SEEN }, seenBefore: true }
      : received;
  } catch (err) {
    return {
      result: { findingId: finding.id, outcome: 'FAILED', source: sourceOf(finding), reason: (err as Error).message },
      seenBefore: false,
    };
  }
}

/** What a run would do with the finding: nothing moves, nothing is written. */
async function dryRunOf(deps: FindingDeps, finding: Finding): Promise<BackfillItem> {
  const decision = await decideFinding(deps, finding);
  const known = decision.action === 'IGNORE' ? undefined : await deps.ledger.get(finding.id);
  if (known) return { result: { ...resultFromRecord(known), reason: SEEN }, seenBefore: true };
  const would = decision.action === 'AUTO' ? 'would be quarantined' : 'would be sent for review';
  const outcome = decision.action === 'IGNORE' ? 'IGNORED' : 'PLANNED';
  const reason = decision.action === 'IGNORE' ? decision.reason : `${would}: ${decision.reason}`;
  return { result: { findingId: finding.id, outcome, source: sourceOf(finding), reason }, seenBefore: false };
}

export type { BackfillItem };
export { backfillFinding };
