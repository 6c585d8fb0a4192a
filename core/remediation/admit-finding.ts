import { objectIdentity } from '../finding/object-identity';
import type { Finding } from '../types/finding';
import type { LedgerRecord } from '../types/ledger';
import { decideFinding } from './decide-finding';
import type { FindingDeps, WorkflowDeps } from './RemediationDeps';
import { claimOrLink, sourceOf } from './receive-finding';
import { recordFields } from './record-fields';

/**
 * Records a finding the pipeline never saw (older than the stack, or an event EventBridge never
 * delivered) before someone acts on it from the terminal: AWAITING_REVIEW with the policy's decision
 * and its object claimed, or LINKED when another finding already holds the object. Nothing is
 * announced: the job that follows posts or updates the Slack message. A finding already in the
 * ledger is returned as it is.
 */
async function admitFinding(
  deps: WorkflowDeps & Pick<FindingDeps, 'policy' | 'ownAccount'>,
  finding: Finding,
  actor: string,
  /**
   * `unrecorded`: the caller has just read the ledger and found no record, so it is not read again. One
   * recorded since is still returned as it is: `begin` writes only where no record is, and answers with the
   * one there. The claim made first is the finding's own (held already, or taken over from a finding that
   * let go of the object), or fails to the finding that holds the object.
   */
  options: { readonly unrecorded?: boolean } = {},
): Promise<LedgerRecord> {
  const existing = options.unrecorded ? undefined : await deps.ledger.get(finding.id);
  if (existing) return existing;

  const decision = await decideFinding(deps, finding);
  const identity = objectIdentity(finding);
  const owner = await claimOrLink(deps, identity, finding.id);
  const now = deps.clock().toISOString();
  const begun = await deps.ledger.begin({
    ...recordFields(finding, decision, sourceOf(finding), now),
    ...(owner
      ? {
          state: 'LINKED' as const,
          linkedTo: owner.findingId,
          history: [{ at: now, actor, action: 'admitted', detail: `same object as finding ${owner.findingId}` }],
        }
      : {
          state: 'AWAITING_REVIEW' as const,
          history: [{ at: now, actor, action: 'admitted', detail: decision.reason }],
        }),
  });
  return begun.created ? begun.record : begun.existing;
}

export { admitFinding };
