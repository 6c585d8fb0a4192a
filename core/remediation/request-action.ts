import { enteredState, mayStart, type StartableAction, startStates, stateBeforeStart } from '../ledger/finding-state';
import type { SuppressionScope } from '../macie/suppression-rule';
import type { LedgerRecord, SlackMessageRef } from '../types/ledger';
import type { RemediationAction } from '../types/policy';
import { announceSafely } from './announce-safely';
import { newLease } from './finding-lease';
import { legalHoldRefusal } from './legal-hold-refusal';
import type { ClickDeps } from './RemediationDeps';
import { approveRestore } from './restore-approval';
import { suppressFinding } from './suppress-finding';
import { syncSecurityHub } from './sync-security-hub';

/** What an approver can ask for from Slack. */
type RequestedAction = StartableAction;

interface ActionRequest {
  readonly action: RequestedAction;
  readonly findingId: string;
  readonly actor: string;
  /** Where the click came from: lets later updates reach the message (webhook-posted messages have no ts yet). */
  readonly message?: { readonly channel: string; readonly ts?: string; readonly responseUrl?: string };
  /** A dismissal that also creates a Macie findings filter archiving what this scope covers. */
  readonly suppress?: SuppressionScope;
  /** Why, in the asker's words (core/remediation/action-reason.ts checked it); kept on the events. */
  readonly reason?: string;
  /** A remediation's action when the reviewer chose another than the policy's ("Seal instead"). */
  readonly remediation?: RemediationAction;
}

const remediationPatch = (request: ActionRequest) =>
  request.action === 'remediate' && request.remediation ? { remediation: request.remediation } : {};

/**
 * An Exempt click: the remediator tags the object exempt and dismisses the finding (`exempt` job), so a click
 * changes no state itself; the message keeps where the click came from, the job's outcome updates it.
 */
async function requestExemption(
  deps: ClickDeps,
  request: ActionRequest,
  record: LedgerRecord,
  slack: SlackMessageRef | undefined,
): Promise<RequestResult> {
  if (!mayStart('exempt', record.state, 'click'))
    return { accepted: false, reason: `finding is ${record.state.toLowerCase().replace('_', ' ')}`, record };
  const event = {
    at: deps.clock().toISOString(),
    actor: request.actor,
    action: 'exempt-requested',
    ...(request.reason ? { reason: request.reason } : {}),
  };
  const annotated = (await deps.ledger.annotate(record.findingId, event, slack ? { slack } : undefined)) ?? record;
  await deps.dispatcher.dispatch({
    kind: 'exempt',
    findingId: record.findingId,
    actor: request.actor,
    ...(request.reason ? { reason: request.reason } : {}),
  });
  return { accepted: true, record: annotated };
}

/** What the interactivity door tells the user: accepted, or why not (ephemeral, nothing changed). */
type RequestResult =
  | { readonly accepted: true; readonly record: LedgerRecord }
  | { readonly accepted: false; readonly reason: string; readonly record?: LedgerRecord };

/**
 * An authorized click. The conditional transition is the lock: of fifty simultaneous clicks exactly
 * one wins, and only the winner updates the message and dispatches the job. A restore that needs a second
 * approver is only approved (core/remediation/restore-approval.ts): accepted, nothing moves. The finding is re-read
 * from the ledger; the button payload contributes nothing but the finding id. A door that has just read
 * the record (to authorize the click against its channel) passes it as `known`, so it is read once.
 */
async function requestAction(deps: ClickDeps, request: ActionRequest, known?: LedgerRecord): Promise<RequestResult> {
  const record = known ?? (await deps.ledger.get(request.findingId));
  if (!record) return { accepted: false, reason: `finding ${request.findingId} is not known here` };
  const held = request.action === 'restore' ? legalHoldRefusal(record) : undefined;
  if (held) return { accepted: false, reason: held, record };
  const now = deps.clock().toISOString();
  const slack = request.message ? clickedMessage(record, request.message, now) : undefined;
  if (request.action === 'exempt') return requestExemption(deps, request, record, slack);
  const approval =
    request.action === 'restore'
      ? await approveRestore(
          deps,
          record,
          { principal: request.actor, actor: request.actor, ...(request.reason ? { reason: request.reason } : {}) },
          { starter: 'click', ...(slack ? { slack } : {}) },
        )
      : undefined;
  if (approval && !approval.go) {
    const { record: current, reason } = approval;
    return approval.approval === 'first'
      ? { accepted: true, record: current }
      : { accepted: false, reason, record: current };
  }
  // The remediator works under the lease the click takes, so no other door starts the same finding.
  const action = request.action;
  const lease = action === 'dismiss' ? undefined : newLease(deps, request.actor);
  const moved = await deps.ledger.transition(record.findingId, {
    from: startStates(request.action, 'click'),
    to: enteredState(request.action),
    event: {
      at: now,
      actor: request.actor,
      action: `${request.action}-requested`,
      ...(request.reason ? { reason: request.reason } : {}),
    },
    ...(slack || request.remediation ? { patch: { ...(slack ? { slack } : {}), ...remediationPatch(request) } } : {}),
    ...(lease ? { lease: { take: lease, now } } : {}),
    ...(approval?.go && approval.secondApprover ? { secondApprover: approval.secondApprover } : {}),
  });
  if (!moved.ok) {
    const current = moved.current ?? record;
    const last = current.history.at(-1);
    const by = last ? ` (${last.action} by ${last.actor} at ${last.at})` : '';
    return { accepted: false, reason: `finding is ${current.state.toLowerCase()}${by}`, record: current };
  }

  const kind = action;
  if (kind === 'dismiss' || !lease) {
    await deps.ledger.releaseObject(moved.record.objectIdentity, moved.record.findingId);
    // After the ledger holds DISMISSED: whatever Macie answers, the dismissal stands.
    const suppression = request.suppress
      ? await suppressFinding(deps, moved.record, { scope: request.suppress, actor: request.actor })
      : undefined;
    await announceSafely(deps, moved.record, (announcer) =>
      announcer.dismissed(moved.record, request.actor, suppression),
    );
    await syncSecurityHub(deps, moved.record);
    return { accepted: true, record: moved.record };
  }
  await announceSafely(deps, moved.record, (announcer) => announcer.progress(moved.record, request.actor, kind));
  try {
    await deps.dispatcher.dispatch(
      {
        kind,
        findingId: record.findingId,
        actor: request.actor,
        lease: lease.owner,
        ...(request.reason ? { reason: request.reason } : {}),
      },
      moved.record,
    );
  } catch (err) {
    // Nothing will run the job: hand the finding back, or it would stay claimed forever. The message lost its
    // buttons, so a fresh one is owed (the next delivery or backfill posts it).
    await deps.ledger.transition(record.findingId, {
      from: [enteredState(kind)],
      to: stateBeforeStart(kind),
      event: { at: deps.clock().toISOString(), actor: 'system', action: `${kind}-not-started`, detail: String(err) },
      patch: { notificationOwed: true },
      lease: { release: lease.owner },
    });
    throw err;
  }
  return { accepted: true, record: moved.record };
}

export type { ActionRequest, RequestedAction, RequestResult };

function clickedMessage(
  record: LedgerRecord,
  message: NonNullable<ActionRequest['message']>,
  now: string,
): SlackMessageRef {
  const ts = record.slack?.ts ?? message.ts;
  return {
    channel: message.channel,
    postedAt: record.slack?.postedAt ?? now,
    ...(ts ? { ts } : {}),
    ...(message.responseUrl ? { responseUrl: message.responseUrl, responseUrlReceivedAt: now } : {}),
  };
}

export { requestAction };
