import { ConfigError } from '../../core/errors';
import type { Logger } from '../../core/types/runtime';
import type { Output } from '../output';
import { SlackAppApi } from './slack-app-api';

/** Slack's own name for it (as in the Slack CLI); a secret, so only from the environment or a masked prompt. */
const APP_CONFIG_TOKEN_ENV = 'SLACK_APP_CONFIG_TOKEN';

/** The form of an app configuration token; what is wrong, or undefined (a prompt validator). */
const validateAppConfigToken = (value: string): string | undefined =>
  /^xoxe\.xoxp-\S+$/.test(value.trim()) ? undefined : 'must be an app configuration token (xoxe.xoxp-…)';

/** The token from the environment, if set. @throws ConfigError naming the variable (never the value). */
function appConfigTokenFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[APP_CONFIG_TOKEN_ENV]?.trim();
  if (!value) return undefined;
  const problem = validateAppConfigToken(value);
  if (problem) throw new ConfigError([`Slack app configuration token from ${APP_CONFIG_TOKEN_ENV}: ${problem}`]);
  return value;
}

/** The Slack client's warnings on stderr; its debug lines stay out (they carry request bodies). */
function outputLogger(output: Output): Logger {
  return {
    debug: (message) => output.debug(message),
    info: (message) => output.debug(message),
    warn: (message) => output.warn(message),
    error: (message) => output.warn(message),
  };
}

/** The App Manifest API at `slackApiUrl` (SLACK_API_URL), authenticated with an app configuration token. */
function slackAppApi(configToken: string, slackApiUrl: string, output: Output): SlackAppApi {
  const { createWebClient } =
    require('../../core/slack/create-web-client') as typeof import('../../core/slack/create-web-client');
  // createWebClient names its token for the bot, but any token works: this one may only call apps.manifest.*.
  return new SlackAppApi(createWebClient({ botToken: configToken, slackApiUrl, logger: outputLogger(output) }));
}

export { APP_CONFIG_TOKEN_ENV, appConfigTokenFromEnv, outputLogger, slackAppApi, validateAppConfigToken };
