import type { LookupGroupMembers } from './group-members';

/** Who clicked, and where (from a verified SlackInteraction). */
interface SlackActor {
  readonly userId: string;
  readonly teamId: string;
  readonly channelId: string;
}

interface ApprovalPolicy {
  /** Slack user ids allowed to approve (`slackApprovers`). */
  readonly approvers: readonly string[];
  /** Slack user group ids (`S…`) whose members may approve. */
  readonly approverGroups: readonly string[];
  /** The review channel as configured: an id (`C…`) or a name (`#security`). */
  readonly channel?: string;
  /** The workspace (`T…`). Undefined: not checked (the signature already ties the request to our app). */
  readonly teamId?: string;
  /** The channel id Slack answered when the finding's message was posted (SlackMessageRef.channel). */
  readonly postedChannelId?: string;
}

type AuthorizationResult = { readonly authorized: true } | { readonly authorized: false; readonly reason: string };

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

const deny = (reason: string): AuthorizationResult => ({ authorized: false, reason });

/**
 * The channel clicks must come from. An id in the settings is used as is. A name cannot be compared with the
 * id Slack sends, so the id Slack answered when the message was posted (bot mode) stands in for it.
 */
function expectedChannel(policy: ApprovalPolicy): string | undefined {
  if (policy.channel && CHANNEL_ID.test(policy.channel)) return policy.channel;
  if (policy.postedChannelId && CHANNEL_ID.test(policy.postedChannelId)) return policy.postedChannelId;
  return undefined;
}

async function isGroupMember(
  userId: string,
  groups: readonly string[],
  lookup: LookupGroupMembers,
): Promise<{ member: boolean; unreadable: string[] }> {
  const unreadable: string[] = [];
  for (const group of groups) {
    try {
      if ((await lookup(group)).includes(userId)) return { member: true, unreadable };
    } catch {
      unreadable.push(group);
    }
  }
  return { member: false, unreadable };
}

/**
 * May this user approve here? Fails closed: no approvers configured, another workspace, another channel,
 * a channel name whose id is unknown, or a user group that cannot be read all deny.
 */
async function authorizeSlackUser(
  actor: SlackActor,
  policy: ApprovalPolicy,
  lookupGroupMembers: LookupGroupMembers,
): Promise<AuthorizationResult> {
  // 1. Nobody is an approver until someone is configured.
  if (policy.approvers.length === 0 && policy.approverGroups.length === 0) {
    return deny('no approvers are configured (slackApprovers)');
  }
  // 2. Only the configured workspace.
  if (policy.teamId && actor.teamId !== policy.teamId) return deny('the request comes from another Slack workspace');
  // 3. Only the review channel.
  const channel = expectedChannel(policy);
  if (channel === undefined && policy.channel) {
    return deny(`the id of channel ${policy.channel} is unknown: configure slackChannel as a channel id (C…)`);
  }
  if (channel !== undefined && actor.channelId !== channel) return deny('not clicked in the review channel');
  // 4. A listed approver, or a member of a listed user group.
  if (policy.approvers.includes(actor.userId)) return { authorized: true };
  const { member, unreadable } = await isGroupMember(actor.userId, policy.approverGroups, lookupGroupMembers);
  if (member) return { authorized: true };
  if (unreadable.length > 0) return deny(`could not read the members of user group ${unreadable.join(', ')}`);
  return deny('you are not a configured approver');
}

/**
 * Why this user cannot be an approver whatever the finding, known without any call: nobody configured, another
 * workspace, or not listed where no user group could list them. Undefined when only the full check can tell.
 * A door asks it before it opens a form, so a person who may not act is not asked for a reason first.
 */
function plainlyUnauthorized(actor: SlackActor, policy: ApprovalPolicy): string | undefined {
  if (policy.approvers.length === 0 && policy.approverGroups.length === 0) {
    return 'no approvers are configured (slackApprovers)';
  }
  if (policy.teamId && actor.teamId !== policy.teamId) return 'the request comes from another Slack workspace';
  if (policy.approverGroups.length === 0 && !policy.approvers.includes(actor.userId)) {
    return 'you are not a configured approver';
  }
  return undefined;
}

export type { ApprovalPolicy, AuthorizationResult, SlackActor };
export { authorizeSlackUser, plainlyUnauthorized };
