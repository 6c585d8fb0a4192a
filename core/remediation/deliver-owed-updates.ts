import type { LedgerRecord } from '../types/ledger';
import { deliverOwedOutcome } from './deliver-owed-outcome';
import type { WorkflowDeps } from './RemediationDeps';
import { deliverOwedSecurityHub } from './sync-security-hub';

/**
 * Everything a failure left owed for a decided finding: the Slack outcome message and the Security Hub
 * update, each rebuilt from the ledger. Called by every later delivery (a redelivered event, `backfill`) and
 * by the reconciler; each recipient the deps do not carry keeps its debt for a run that does.
 */
async function deliverOwedUpdates(
  deps: WorkflowDeps,
  record: LedgerRecord,
): Promise<{ readonly slack: boolean; readonly securityHub: boolean }> {
  const slack = await deliverOwedOutcome(deps, record);
  const securityHub = await deliverOwedSecurityHub(deps, record);
  return { slack, securityHub };
}

export { deliverOwedUpdates };
