import type { WebClient } from '@slack/web-api';
import { RemediateError } from '../errors';
import type { ApprovalSettings, ClickOptions } from '../remediation/handle-click';
import type { ClickDeps } from '../remediation/RemediationDeps';
import { createWebClient } from '../slack/create-web-client';
import { createGroupMemberLookup, type LookupGroupMembers } from '../slack/group-members';
import { createViewOpener } from '../slack/open-view';
import { readBotIdentity } from '../slack/read-bot-identity';
import { refusedTokenCode } from '../slack/slack-failure';
import type { Notifier } from '../types/ports';
import type { Logger } from '../types/runtime';
import type { Settings } from '../types/settings';

interface RemediationHandlerInput {
  readonly settings: Settings;
  readonly deps: ClickDeps;
  readonly notifier?: Notifier;
  readonly logger: Logger;
}

interface ComposedRemediationHandler {
  readonly deps: ClickDeps;
  readonly signingSecret: string;
  readonly approval: ApprovalSettings;
  readonly lookupGroupMembers: LookupGroupMembers;
  readonly notifier?: Notifier;
  readonly logger: Logger;
  readonly reasonRequired: NonNullable<ClickOptions['reasonRequired']>;
  /** Absent without a bot token: views.open needs one. */
  readonly openView?: ClickOptions['openView'];
}

/**
 * Slack calls made while a click waits for its answer (progress update, ephemerals, user groups): one quick
 * retry and a 1-second timeout each, so the handler answers within Slack's 3 seconds even when Slack is slow;
 * an update that does not get through is recorded as owed.
 */
const SLACK_CLICK_BUDGET = { retry: { retries: 1, minTimeoutMs: 200, maxTimeoutMs: 200 }, timeoutMs: 1000 } as const;

/**
 * The Security Hub calls a dismissal makes while the click waits (GetFindings once, BatchUpdateFindings): one
 * attempt each, short timeouts; an update that does not get through is owed, and a later run sends it.
 */
const SECURITY_HUB_CLICK_BUDGET = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 500, requestTimeout: 700 },
} as const;

const noGroups: LookupGroupMembers = () =>
  Promise.reject(new Error('reading user groups needs a bot token (usergroups:read)'));

/** The signing secret, or one clear line saying where to set it (a user error: exit 2 for `serve`). */
function requireSigningSecret(settings: Settings): string {
  const secret = settings.slack.signingSecret;
  if (secret) return secret;
  throw new RemediateError(
    'CONFIG_INVALID',
    `Slack signing secret is not set: set SLACK_SIGNING_SECRET, or signingSecret in the secret ${settings.secretId}`,
    { source: 'user', context: { setting: 'signingSecret' } },
  );
}

/**
 * The bot token's workspace (auth.test). A token Slack refuses is a setting to fix (`serve` exits 2 with
 * one line), not a failure to retry.
 * @throws RemediateError CONFIG_INVALID when Slack refuses the token.
 */
async function botTeamId(client: WebClient, settings: Settings): Promise<string> {
  try {
    return (await readBotIdentity(client)).teamId;
  } catch (err) {
    const refused = refusedTokenCode(err);
    if (!refused) throw err;
    throw new RemediateError(
      'CONFIG_INVALID',
      `Slack refused the bot token (${refused}): set a working SLACK_BOT_TOKEN, or botToken in the secret ${settings.secretId}`,
      { source: 'user', cause: err, context: { setting: 'botToken' } },
    );
  }
}

/**
 * The remediation handler's options from settings, shared by the Lambda and `serve`. The workspace
 * defaults to the bot token's own (auth.test), so clicks from another workspace are refused.
 * @throws RemediateError CONFIG_INVALID when there is no signing secret: no request could ever be verified.
 */
async function remediationHandlerOptions(input: RemediationHandlerInput): Promise<ComposedRemediationHandler> {
  const { settings, logger } = input;
  const signingSecret = requireSigningSecret(settings);
  const botToken = settings.slack.botToken;
  const client = botToken
    ? createWebClient({ botToken, slackApiUrl: settings.slackApiUrl, logger, ...SLACK_CLICK_BUDGET })
    : undefined;
  const teamId = settings.slackTeamId ?? (client ? await botTeamId(client, settings) : undefined);
  return {
    deps: input.deps,
    signingSecret,
    approval: {
      approvers: settings.slackApprovers,
      approverGroups: settings.slackApproverGroups,
      ...(settings.slackChannel ? { channel: settings.slackChannel } : {}),
      ...(teamId ? { teamId } : {}),
    },
    lookupGroupMembers: client ? createGroupMemberLookup({ client, clock: input.deps.clock }) : noGroups,
    ...(input.notifier ? { notifier: input.notifier } : {}),
    logger,
    reasonRequired: settings.reasonRequired,
    ...(client ? { openView: createViewOpener(client) } : {}),
  };
}

export type { ComposedRemediationHandler, RemediationHandlerInput };
export { remediationHandlerOptions, requireSigningSecret, SECURITY_HUB_CLICK_BUDGET, SLACK_CLICK_BUDGET };
