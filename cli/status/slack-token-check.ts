import type { SlackCredentials } from '../../core/types/settings';
import { outputLogger } from '../init/slack-app-access';
import type { Output } from '../output';
import { fail, pass, reasonOf, type StatusCheck, skip } from './status-check';

const CHECK = 'slack-token';

/** A quick answer: status is a check, not a workload. */
const RETRY = { retries: 1, minTimeoutMs: 200, maxTimeoutMs: 500 };

/** auth.test with the secret's bot token, the one the Lambdas use, against SLACK_API_URL. */
async function checkSlackToken(
  credentials: SlackCredentials | undefined,
  slackApiUrl: string,
  output: Output,
): Promise<StatusCheck> {
  if (!credentials?.botToken) {
    return credentials?.webhookUrl
      ? skip(CHECK, 'webhook mode: no bot token to check')
      : fail(CHECK, 'no bot token in the secret: nothing to check');
  }
  const { createWebClient } =
    require('../../core/slack/create-web-client') as typeof import('../../core/slack/create-web-client');
  const { readBotIdentity } =
    require('../../core/slack/read-bot-identity') as typeof import('../../core/slack/read-bot-identity');
  const client = createWebClient({
    botToken: credentials.botToken,
    slackApiUrl,
    logger: outputLogger(output),
    retry: RETRY,
  });
  try {
    const identity = await readBotIdentity(client);
    return pass(CHECK, `valid: workspace ${identity.teamId}, bot user ${identity.userId ?? 'unknown'}`);
  } catch (err) {
    return fail(CHECK, `${reasonOf(err)}: store a working bot token with macie-remediate init`);
  }
}

export { checkSlackToken };
