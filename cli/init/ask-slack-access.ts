import { validateBotToken } from '../../core/config';
import { problemOf } from '../../core/config/rule';
import type { SlackCredentials } from '../../core/types/settings';
import type { TerminalPrompts, Validate } from '../terminal-prompts';
import { slackSigningSecretRule, slackWebhookUrlRule } from './init-rules';
import { APP_CONFIG_TOKEN_ENV, validateAppConfigToken } from './slack-app-access';

/** How init reaches Slack: through the App Manifest API with a token, or with credentials the admin pastes. */
interface SlackAccess {
  readonly configToken?: string;
  /** Only the values typed now; empty answers keep what the secret holds. */
  readonly credentials: SlackCredentials;
}

/** An empty answer keeps the current value (or leaves it for later); anything else must pass. */
const optional =
  (validate: Validate): Validate =>
  (value) =>
    value === '' ? undefined : validate(value);

const keepHint = (current: string | undefined): string =>
  current ? 'empty: keep the current one' : 'empty: add later';

const typed = <K extends keyof SlackCredentials>(key: K, value: string): SlackCredentials =>
  value === '' ? {} : { [key]: value.trim() };

/** The bot token, masked; asked after the app exists, since Slack issues it only once the app is installed. */
async function askBotToken(prompts: TerminalPrompts, stored: SlackCredentials): Promise<SlackCredentials> {
  const answer = await prompts.secret(
    `Bot User OAuth Token, xoxb-… (${keepHint(stored.botToken)})`,
    optional(validateBotToken),
  );
  return typed('botToken', answer);
}

async function askPastedCredentials(prompts: TerminalPrompts, stored: SlackCredentials): Promise<SlackCredentials> {
  const signing = await prompts.secret(
    `Slack signing secret, from the app's Basic Information (${keepHint(stored.signingSecret)})`,
    optional(problemOf(slackSigningSecretRule)),
  );
  const mode = await prompts.choose(
    'How does macie-remediate post to Slack?',
    [
      { value: 'bot', name: 'Bot token: messages update in place after a click (recommended)' },
      { value: 'webhook', name: 'Incoming webhook: posts only' },
    ],
    stored.webhookUrl && !stored.botToken ? 'webhook' : 'bot',
  );
  if (mode === 'bot') return { ...typed('signingSecret', signing), ...(await askBotToken(prompts, stored)) };
  const hook = await prompts.secret(
    `Incoming webhook URL (${keepHint(stored.webhookUrl)})`,
    optional(problemOf(slackWebhookUrlRule)),
  );
  return { ...typed('signingSecret', signing), ...typed('webhookUrl', hook) };
}

/** Whether Slack's API makes the app (with a configuration token from the environment or typed, masked). */
async function askSlackAccess(
  prompts: TerminalPrompts,
  stored: SlackCredentials,
  envConfigToken: string | undefined,
): Promise<SlackAccess> {
  const viaApi = await prompts.confirm(
    envConfigToken
      ? `Create or update the Slack app through Slack's API with ${APP_CONFIG_TOKEN_ENV}?`
      : 'Create the Slack app through Slack\'s API? (needs an app configuration token: https://api.slack.com/apps, "Your App Configuration Tokens")',
    envConfigToken !== undefined,
  );
  if (!viaApi) return { credentials: await askPastedCredentials(prompts, stored) };
  const configToken =
    envConfigToken ?? (await prompts.secret('App configuration token, xoxe.xoxp-…', validateAppConfigToken));
  return { configToken: configToken.trim(), credentials: {} };
}

export type { SlackAccess };
export { askBotToken, askSlackAccess };
