import type { JobKind } from '../ledger/finding-state';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import { announceSafely } from './announce-safely';
import type { WorkflowDeps } from './RemediationDeps';

/**
 * Tells Slack how a run ended (or records it as owed). A finding that had no message yet (AUTO) gets one,
 * and the ledger remembers it so later updates (Restore) reach the same message.
 */
async function announceOutcome(
  deps: WorkflowDeps,
  record: LedgerRecord,
  result: RemediationResult,
  actor: string,
  kind: JobKind,
): Promise<void> {
  const sent = await announceSafely(deps, record, (announcer) => announcer.outcome(record, result, actor, kind));
  if (sent.delivered && sent.value && !record.slack) {
    await deps.ledger.annotate(
      record.findingId,
      { at: deps.clock().toISOString(), actor: 'system', action: 'announced' },
      { slack: sent.value },
    );
  }
}

export { announceOutcome };
