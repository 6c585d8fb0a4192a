import { SLACK_ACTIONS } from '../slack/action-ids';
import { type ApprovalPolicy, authorizeSlackUser } from '../slack/authorize';
import type { LookupGroupMembers } from '../slack/group-members';
import type { SlackInteraction } from '../slack/parse-interaction';
import type { LedgerRecord } from '../types/ledger';
import type { Notifier } from '../types/ports';
import type { ClickDeps } from './RemediationDeps';
import { type ActionRequest, type RequestedAction, requestAction } from './request-action';

/** Who may approve, where: the settings' approvers, channel and workspace (the posted channel comes from the ledger). */
type ApprovalSettings = Omit<ApprovalPolicy, 'postedChannelId'>;

interface ClickOptions {
  readonly approval: ApprovalSettings;
  readonly lookupGroupMembers: LookupGroupMembers;
  /** For ephemeral replies ("not authorized", "already in progress"); without one they are only logged. */
  readonly notifier?: Notifier;
}

/** What became of a click; the door maps it to an HTTP status. */
type ClickResult =
  | { readonly status: 'accepted'; readonly action: RequestedAction; readonly record: LedgerRecord }
  | { readonly status: 'unknown-action' | 'unknown-finding' | 'not-authorized' | 'refused'; readonly reason: string };

/** What each of our buttons' action_id asks for. A Map: `constructor` or `__proto__` is no action of ours. */
const ACTIONS: ReadonlyMap<string, Pick<ActionRequest, 'action' | 'suppress'>> = new Map([
  [SLACK_ACTIONS.remediate, { action: 'remediate' }],
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

  const record = await deps.ledger.get(click.value);
  if (!record) {
    deps.logger.warn('click refused: unknown finding', log);
    await tell(`Finding ${click.value} is not known to macie-remediate.`);
    return { status: 'unknown-finding', reason: 'unknown finding' };
  }

  const actor = { userId: click.userId, teamId: click.teamId, channelId: click.channelId };
  const policy = { ...options.approval, ...(record.slack?.channel ? { postedChannelId: record.slack.channel } : {}) };
  const authorized = await authorizeSlackUser(actor, policy, options.lookupGroupMembers);
  if (!authorized.authorized) {
    deps.logger.warn('click refused: not authorized', { ...log, reason: authorized.reason });
    await tell(`You are not authorized to ${action} this finding: ${authorized.reason}.`);
    return { status: 'not-authorized', reason: authorized.reason };
  }

  const requested = await requestAction(
    deps,
    {
      ...asked,
      findingId: record.findingId,
      actor: `slack:${click.userId}`,
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

export type { ApprovalSettings, ClickOptions, ClickResult };
export { handleClick };
