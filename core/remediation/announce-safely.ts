import { RemediateError } from '../errors';
import type { LedgerRecord } from '../types/ledger';
import type { Announcer } from '../types/ports';
import type { WorkflowDeps } from './RemediationDeps';

/**
 * Runs one Slack announcement. Slack being down must never undo or block a remediation, so a
 * SLACK_FAILED error is recorded on the ledger as an owed notification and swallowed; a later run
 * (the next delivery, `backfill`, or the next state change) delivers it.
 */
async function announceSafely<T>(
  deps: WorkflowDeps,
  record: LedgerRecord,
  announce: (announcer: Announcer) => Promise<T>,
): Promise<{ delivered: true; value: T } | { delivered: false; reason: string }> {
  if (!deps.announcer) return { delivered: false, reason: 'Slack is not configured' };
  try {
    const value = await announce(deps.announcer);
    if (record.notificationOwed) {
      await deps.ledger.annotate(
        record.findingId,
        { at: deps.clock().toISOString(), actor: 'system', action: 'notification-delivered' },
        { notificationOwed: false },
      );
    }
    return { delivered: true, value };
  } catch (err) {
    if (!RemediateError.is(err) || err.code !== 'SLACK_FAILED') throw err;
    deps.logger.warn('Slack notification failed; recorded as owed', {
      findingId: record.findingId,
      error: err.message,
    });
    await deps.ledger.annotate(
      record.findingId,
      { at: deps.clock().toISOString(), actor: 'system', action: 'notification-owed', detail: err.message },
      { notificationOwed: true },
    );
    return { delivered: false, reason: err.message };
  }
}

export { announceSafely };
