import type { StartableAction } from '../ledger/finding-state';
import { SLACK_ACTIONS } from '../slack/action-ids';
import { type ApprovalPolicy, authorizeSlackUser, plainlyUnauthorized } from '../slack/authorize';
import type { LookupGroupMembers } from '../slack/group-members';
import type { SlackInteraction } from '../slack/parse-interaction';
import { buildReasonModal } from '../slack/reason-modal';
import type { LedgerRecord } from '../types/ledger';
import type { Notifier } from '../types/ports';
import { checkReason } from './action-reason';
import type { ClickDeps } from './RemediationDeps';
import { type ActionRequest, type RequestedAction, requestAction } from './request-action';

/** Who may approve, where: the settings' approvers, channel and workspace (the posted channel comes from the ledger). */
type ApprovalSettings = Omit<ApprovalPolicy, 'postedChannelId'>;

interface ClickOptions {
  readonly approval: ApprovalSettings;
  readonly lookupGroupMembers: LookupGroupMembers;
  /** For ephemeral replies ("not authorized", "already in progress"); without one they are only logged. */
  readonly notifier?: Notifier;
  /** The actions whose button asks for a reason (a modal) instead of acting. @default none */
  readonly reasonRequired?: readonly StartableAction[];
  /** Slack's views.open with the click's trigger_id; without it a reason cannot be asked for, and such a click is refused. */
  readonly openView?: OpenView;
}

/** views.open: shows `view` to the user whose click issued `triggerId` (usable once, for about 3 seconds). */
type OpenView = (triggerId: string, view: Readonly<Record<string, unknown>>) => Promise<void>;

/** What became of a click; the door maps it to an HTTP status. */
type ClickResult =
  | { readonly status: 'accepted'; readonly action: RequestedAction; readonly record: LedgerRecord }
  /** The button needs a reason: a modal asks for it, and its submission acts. */
  | { readonly status: 'reason-asked' }
  /** A submission with a blank (or too long) reason: the modal stays open with `reason` under its input. */
  | { readonly status: 'reason-missing'; readonly reason: string }
  | { readonly status: 'unknown-action' | 'unknown-finding' | 'not-authorized' | 'refused'; readonly reason: string };

/** What each of our buttons' action_id asks for. A Map: `constructor` or `__proto__` is no action of ours. */
const ACTIONS: ReadonlyMap<string, Pick<ActionRequest, 'action' | 'suppress' | 'remediation'>> = new Map([
  [SLACK_ACTIONS.remediate, { action: 'remediate' }],
  [SLACK_ACTIONS.remediateQuarantine, { action: 'remediate', remediation: 'QUARANTINE' }],
  [SLACK_ACTIONS.remediateSeal, { action: 'remediate', remediation: 'SEAL' }],
  [SLACK_ACTIONS.remediateTag, { action: 'remediate', remediation: 'TAG' }],
  [SLACK_ACTIONS.exempt, { action: 'exempt' }],
  [SLACK_ACTIONS.dismiss, { action: 'dismiss' }],
  [SLACK_ACTIONS.dismissAndSuppress, { action: 'dismiss', suppress: 'similar' }],
  [SLACK_ACTIONS.restore, { action: 'restore' }],
]);

/**
 * A verified, parsed button click: re-read the finding from the ledger (the button contributes only
 * its id), check that this user may act here, then request the action. Refusals reach the user as an
 * ephemeral message and change nothing; every attempt is logged with the Slack user id.
 */
async function handleClick(deps: ClickDeps, click: SlackInteraction, options: ClickOptions): Promise<ClickResult> {
  const log = { findingId: click.value, slackUser: click.userId, actionId: click.actionId };
  const asked = ACTIONS.get(click.actionId);
  if (!asked) {
    deps.logger.warn('click refused: unknown action', log);
    return { status: 'unknown-action', reason: 'unknown action' };
  }
  const { action } = asked;
  const tell = (text: string) => replyEphemeral(deps, options.notifier, click, text);
  // Before any read: the trigger_id dies 3 seconds after the click, and the submission is authorized as a click is.
  const given = checkReason(options.reasonRequired ?? [], action, click.reason);
  if (!given.ok) {
    if (click.type === 'view_submission') return { status: 'reason-missing', reason: given.problem };
    const refused = plainlyUnauthorized(click, options.approval);
    if (refused) return notAuthorized(deps, log, action, refused, tell);
    return askForReason(deps, click, action, options, tell);
  }

  const record = await deps.ledger.get(click.value);
  if (!record) {
    deps.logger.warn('click refused: unknown finding', log);
    await tell(`Finding ${click.value} is not known to macie-remediate.`);
    return { status: 'unknown-finding', reason: 'unknown finding' };
  }

  const actor = { userId: click.userId, teamId: click.teamId, channelId: click.channelId };
  const policy = { ...options.approval, ...(record.slack?.channel ? { postedChannelId: record.slack.channel } : {}) };
  const authorized = await authorizeSlackUser(actor, policy, options.lookupGroupMembers);
  if (!authorized.authorized) return notAuthorized(deps, log, action, authorized.reason, tell);

  const requested = await requestAction(
    deps,
    {
      ...asked,
      findingId: record.findingId,
      actor: `slack:${click.userId}`,
      ...(given.reason ? { reason: given.reason } : {}),
      message: {
        channel: click.channelId,
        ts: click.messageTs,
        ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
      },
    },
    record,
  );
  if (!requested.accepted) {
    deps.logger.info('click refused: finding not in a state for it', { ...log, reason: requested.reason });
    await tell(`Nothing done: ${requested.reason}.`);
    return { status: 'refused', reason: requested.reason };
  }
  deps.logger.info('click accepted', { ...log, action });
  return { status: 'accepted', action, record: requested.record };
}

async function notAuthorized(
  deps: ClickDeps,
  log: Readonly<Record<string, string>>,
  action: StartableAction,
  reason: string,
  tell: (text: string) => Promise<void>,
): Promise<ClickResult> {
  deps.logger.warn('click refused: not authorized', { ...log, reason });
  await tell(`You are not authorized to ${action} this finding: ${reason}.`);
  return { status: 'not-authorized', reason };
}

/** Opens the reason modal for a click whose action needs one; nothing is read or changed until it is submitted. */
async function askForReason(
  deps: ClickDeps,
  click: SlackInteraction,
  action: StartableAction,
  options: ClickOptions,
  tell: (text: string) => Promise<void>,
): Promise<ClickResult> {
  const log = { findingId: click.value, slackUser: click.userId, actionId: click.actionId };
  const refuse = async (why: string): Promise<ClickResult> => {
    deps.logger.warn('click refused: a reason is required and was not asked for', { ...log, reason: why });
    await tell(`A reason is required to ${action} this finding, and Slack could not ask for it (${why}).`);
    return { status: 'refused', reason: `a reason is required (${why})` };
  };
  if (!options.openView) return refuse('no bot token to open a form with');
  if (!click.triggerId) return refuse('the click carried no trigger_id');
  const context = {
    actionId: click.actionId,
    value: click.value,
    channelId: click.channelId,
    messageTs: click.messageTs,
    ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
  };
  try {
    await options.openView(click.triggerId, buildReasonModal(action, context));
  } catch (err) {
    return refuse(`the form did not open: ${err instanceof Error ? err.message : String(err)}; click again`);
  }
  deps.logger.info('click: reason asked', log);
  return { status: 'reason-asked' };
}

/** An ephemeral reply is a courtesy: Slack failing to deliver it must not fail the request. */
async function replyEphemeral(
  deps: ClickDeps,
  notifier: Notifier | undefined,
  click: SlackInteraction,
  text: string,
): Promise<void> {
  if (!notifier) return;
  try {
    await notifier.ephemeral(
      {
        channel: click.channelId,
        user: click.userId,
        ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
      },
      text,
    );
  } catch (err) {
    deps.logger.warn('ephemeral reply not sent', {
      slackUser: click.userId,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

export type { ApprovalSettings, ClickOptions, ClickResult, OpenView };
export { handleClick };
