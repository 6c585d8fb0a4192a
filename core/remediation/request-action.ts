import type { LedgerRecord, LedgerState } from '../types/ledger';
import { announceSafely } from './announce-safely';
import type { RemediationJob } from './ports';
import type { RemediationDeps } from './RemediationDeps';

/** What an approver can ask for from Slack. */
type RequestedAction = RemediationJob['kind'] | 'dismiss';

/** What the interactivity door tells the user: accepted, or why not (ephemeral, nothing changed). */
type RequestResult =
  | { readonly accepted: true; readonly record: LedgerRecord }
  | { readonly accepted: false; readonly reason: string; readonly record?: LedgerRecord };

const FROM: Readonly<Record<RequestedAction, readonly LedgerState[]>> = {
  remediate: ['AWAITING_REVIEW', 'FAILED'],
  restore: ['QUARANTINED'],
  dismiss: ['AWAITING_REVIEW', 'FAILED'],
};

const TO: Readonly<Record<RequestedAction, LedgerState>> = {
  remediate: 'REMEDIATING',
  restore: 'RESTORING',
  dismiss: 'DISMISSED',
};

/**
 * An authorized click. The conditional transition is the lock: of fifty simultaneous clicks exactly
 * one wins, and only the winner updates the message and dispatches the job. The finding is re-read
 * from the ledger; the button payload contributes nothing but the finding id.
 */
async function requestAction(
  deps: RemediationDeps,
  request: {
    readonly action: RequestedAction;
    readonly findingId: string;
    readonly actor: string;
    readonly responseUrl?: string;
  },
): Promise<RequestResult> {
  const record = await deps.ledger.get(request.findingId);
  if (!record) return { accepted: false, reason: `finding ${request.findingId} is not known here` };
  const now = deps.clock().toISOString();
  const slack = record.slack && request.responseUrl ? { ...record.slack, responseUrl: request.responseUrl } : undefined;
  const moved = await deps.ledger.transition(record.findingId, {
    from: FROM[request.action],
    to: TO[request.action],
    event: { at: now, actor: request.actor, action: `${request.action}-requested` },
    ...(slack ? { patch: { slack } } : {}),
  });
  if (!moved.ok) {
    const current = moved.current ?? record;
    const last = current.history.at(-1);
    const by = last ? ` (${last.action} by ${last.actor} at ${last.at})` : '';
    return { accepted: false, reason: `finding is ${current.state.toLowerCase()}${by}`, record: current };
  }

  const kind = request.action;
  if (kind === 'dismiss') {
    await deps.ledger.releaseObject(moved.record.objectIdentity, moved.record.findingId);
    await announceSafely(deps, moved.record, (announcer) => announcer.dismissed(moved.record, request.actor));
    return { accepted: true, record: moved.record };
  }
  await announceSafely(deps, moved.record, (announcer) => announcer.progress(moved.record, request.actor, kind));
  await deps.dispatcher.dispatch({ kind, findingId: record.findingId, actor: request.actor });
  return { accepted: true, record: moved.record };
}

export type { RequestedAction, RequestResult };
export { requestAction };
