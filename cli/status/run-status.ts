import { readCdkJson, STACK_OUTPUT_KEYS } from '../../core/config';
import type { CommandContext } from '../context';
import { cloudFormationClient } from '../deploy/setup-clients';
import { appConfigTokenFromEnv } from '../init/slack-app-access';
import { tryOpenLedger } from '../open-ledger';
import { readStackOutputs } from '../stack-outputs-file';
import { checkCredentials } from './credentials-check';
import { checkInteractivity } from './interactivity-check';
import { checkMacie } from './macie-check';
import { checkPublication, PUBLICATION_CHECK } from './publication-check';
import { checkSecret } from './secret-check';
import { checkSlackToken } from './slack-token-check';
import { checkStack } from './stack-check';
import { fail, type StatusCheck } from './status-check';

const NO_AWS = 'not checked: AWS credentials or Region missing (see credentials)';

/** The member accounts' lines (none for a stack of one account); loaded only when there are members. */
async function memberChecks(ctx: CommandContext): Promise<StatusCheck[]> {
  const settings = ctx.settings();
  if (settings.memberAccounts.length === 0) return [];
  const { checkMembers } = require('./member-check') as typeof import('./member-check');
  const ledger = tryOpenLedger(ctx);
  return checkMembers({
    settings,
    env: ctx.io.env,
    sts: ctx.clients().sts,
    ownAccount: await ctx.ownAccount(),
    clock: () => ctx.now(),
    ...(ledger ? { ledger } : {}),
  });
}

/** Macie, then (with `securityHub` on) whether it publishes sensitive-data findings to Security Hub. */
async function macieChecks(ctx: CommandContext, region: string): Promise<StatusCheck[]> {
  const { macie } = ctx.clients();
  const session = await checkMacie(macie, region);
  if (!ctx.settings().securityHub) return [session];
  return [
    session,
    session.ok ? await checkPublication(macie) : fail(PUBLICATION_CHECK, 'not checked: Macie is not ready (see macie)'),
  ];
}

/**
 * What a working set-up needs, checked in order, one result each: AWS credentials and Region, Macie (and,
 * with `securityHub` on, its publishing to Security Hub), the stack and its outputs, the Slack secret, the bot
 * token, Slack's Request URL, and each member account's role and buckets. A check that depends on a failed one
 * says so instead of failing obscurely.
 */
async function runStatus(ctx: CommandContext): Promise<StatusCheck[]> {
  const { io, output } = ctx;
  const settings = ctx.settings();
  const context = readCdkJson(io.cwd) ?? {};
  const appId = typeof context.slackAppId === 'string' && context.slackAppId !== '' ? context.slackAppId : undefined;
  const configToken = appConfigTokenFromEnv(io.env);
  const remembered = readStackOutputs(io.cwd, settings.stackName)?.[STACK_OUTPUT_KEYS.apiUrl];

  const credentials = await checkCredentials(settings);
  if (!credentials.result.ok || !credentials.region) {
    return [
      credentials.result,
      fail('macie', NO_AWS),
      ...(settings.securityHub ? [fail(PUBLICATION_CHECK, NO_AWS)] : []),
      fail('stack', NO_AWS),
      fail('secret', NO_AWS),
      fail('slack-token', 'not checked: the secret could not be read'),
      await checkInteractivity({ apiUrl: remembered, appId, configToken }, settings, output),
    ];
  }
  const clients = ctx.clients();
  const [macie, stack, secret] = await Promise.all([
    macieChecks(ctx, credentials.region),
    checkStack(cloudFormationClient(settings), settings.stackName),
    checkSecret(clients.secrets, settings.secretId),
  ]);
  const apiUrl = stack.outputs?.[STACK_OUTPUT_KEYS.apiUrl];
  return [
    credentials.result,
    ...macie,
    stack.result,
    secret.result,
    await checkSlackToken(secret.credentials, settings.slackApiUrl, output),
    await checkInteractivity({ apiUrl, appId, configToken }, settings, output),
    ...(await memberChecks(ctx)),
  ];
}

export { runStatus };
