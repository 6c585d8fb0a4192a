import { resolve } from 'node:path';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type LoadSettingsInput, loadSettings, STACK_OUTPUT_KEYS } from '../../core/config';
import { ConfigError, InvalidInputError } from '../../core/errors';
import type { Settings, SlackCredentials } from '../../core/types/settings';
import type { CommandContext } from '../context';
import { readStackOutputs } from '../stack-outputs-file';
import { terminalPrompts } from '../terminal-prompts';
import { askSettings } from './ask-settings';
import { askBotToken, askSlackAccess, type SlackAccess } from './ask-slack-access';
import { readCdkJsonDocument, writeCdkJsonDocument } from './cdk-json-document';
import { initInputProblems } from './check-init-inputs';
import { defaultCdkApp } from './default-cdk-app';
import type { InitResult } from './init-result';
import { initValuesFrom, legacyKeysIn, mergeContext, withoutPlaceholders } from './init-values';
import { appConfigTokenFromEnv, slackAppApi } from './slack-app-access';
import { buildSlackAppManifest, writeManifestFile } from './slack-app-manifest';
import { readStoredSecret, writeStoredSecret } from './slack-secret-store';
import { type UpsertedSlackApp, upsertSlackApp } from './upsert-slack-app';

interface InitOptions {
  /** No questions: settings from flags, environment and cdk.json; secrets from the environment only. */
  readonly yes: boolean;
  readonly appName?: string;
  /** Relative to the working directory. */
  readonly manifestFile: string;
}

const NOT_A_TERMINAL =
  'init asks its questions on a terminal: without one, pass --yes with the settings as flags ' +
  'and the Slack secrets in SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL';

function secretsClient(settings: Settings): SecretsManagerClient {
  const { SecretsManagerClient } =
    require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  const { awsClientConfig } =
    require('../../core/aws/aws-client-config') as typeof import('../../core/aws/aws-client-config');
  return new SecretsManagerClient(awsClientConfig(settings));
}

const stringIn = (context: Readonly<Record<string, unknown>>, key: string): string | undefined =>
  typeof context[key] === 'string' && context[key] !== '' ? (context[key] as string) : undefined;

/** What the admin still has to do, in order; the secret's keys tell how far the Slack side got. */
function nextSteps(credentials: SlackCredentials, app: UpsertedSlackApp | undefined, manifestFile: string): string[] {
  const steps: string[] = [];
  if (!app && !credentials.signingSecret)
    steps.push(
      `Create the Slack app: https://api.slack.com/apps?new_app=1, "From a manifest", paste ${manifestFile}; ` +
        'then store its signing secret and bot token: SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=xoxb-… macie-remediate init --yes',
    );
  else if (!credentials.botToken && !credentials.webhookUrl)
    steps.push(
      `Install the Slack app to your workspace${app?.installUrl ? ` (${app.installUrl})` : ''}, ` +
        'then store its bot token: SLACK_BOT_TOKEN=xoxb-… macie-remediate init --yes',
    );
  steps.push('Deploy the stack: macie-remediate deploy');
  return steps;
}

/** A ConfigError's problems joined to the others, so one run names every problem. */
function collecting<T>(problems: string[], load: () => T): T | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/** Every flag and environment value init takes, checked before AWS or Slack is asked anything. */
function checkedInputs(
  ctx: CommandContext,
  options: InitOptions,
  given: LoadSettingsInput,
): { base: Settings; envConfigToken?: string } {
  const { env, cwd } = ctx.io;
  const problems: string[] = [];
  const base = collecting(problems, () => loadSettings(given));
  const envConfigToken = collecting(problems, () => appConfigTokenFromEnv(env));
  problems.push(...initInputProblems({ env, cwd, ...options }, base, problems));
  if (!base || problems.length > 0) throw new ConfigError(problems);
  return { base, envConfigToken };
}

/**
 * The whole Slack and settings set-up. Every value is validated before anything is written (all problems
 * at once, and a refused init changes nothing); then the Slack app (through Slack's API, given a
 * configuration token), the secret, the manifest file and cdk.json, in that order, so a failure leaves
 * cdk.json as it was.
 */
async function runInit(ctx: CommandContext, options: InitOptions): Promise<InitResult> {
  const { io, output } = ctx;
  if (!options.yes && !io.interactive) throw new InvalidInputError('USAGE', NOT_A_TERMINAL);
  const document = readCdkJsonDocument(io.cwd);
  const cdkContext = withoutPlaceholders(document.context);
  const given = { flags: ctx.options, env: io.env, cdkContext };
  const { base, envConfigToken } = checkedInputs(ctx, options, given);
  const secrets = secretsClient(base);
  const stored = await readStoredSecret(secrets, base.secretId);
  if (stored.problem) output.warn(`${stored.problem}: init replaces its value`);
  const settings = loadSettings({ ...given, secret: stored.credentials });
  const apiUrl = readStackOutputs(io.cwd, settings.stackName)?.[STACK_OUTPUT_KEYS.apiUrl];

  const prompts = options.yes ? undefined : terminalPrompts(io);
  const values = prompts ? await askSettings(prompts, initValuesFrom(settings), ctx.options) : initValuesFrom(settings);
  const access: SlackAccess = prompts
    ? await askSlackAccess(prompts, settings.slack, envConfigToken)
    : { configToken: envConfigToken, credentials: {} };
  let credentials: SlackCredentials = { ...settings.slack, ...access.credentials };

  const manifest = buildSlackAppManifest({ appName: options.appName, requestUrl: apiUrl });
  let app: UpsertedSlackApp | undefined;
  if (access.configToken) {
    const api = slackAppApi(access.configToken, settings.slackApiUrl, output);
    app = await upsertSlackApp(api, manifest, stringIn(document.context, 'slackAppId'), apiUrl, output);
    output.info(`Slack app ${app.appId} ${app.action}.`);
    if (app.signingSecret) credentials = { ...credentials, signingSecret: app.signingSecret };
    if (prompts && app.installUrl) {
      output.info(`Install it to your workspace (Slack then shows its bot token): ${app.installUrl}`);
      credentials = { ...credentials, ...(await askBotToken(prompts, credentials)) };
    }
  }

  const secretWrite = await writeStoredSecret(secrets, settings.secretId, stored, credentials);
  const manifestPath = resolve(io.cwd, options.manifestFile);
  writeManifestFile(manifestPath, manifest);
  const cdkApp = document.json.app ?? defaultCdkApp(io.cwd);
  if (typeof cdkApp === 'string' && !/cdk-app\.[jt]s\b/.test(cdkApp))
    output.warn(`cdk.json's "app" (${cdkApp}) is not macie-remediate's: deploy runs it as it is`);
  const slackAppId = app?.appId ?? stringIn(document.context, 'slackAppId');
  writeCdkJsonDocument(document.path, {
    ...document.json,
    app: cdkApp,
    context: mergeContext(document.context, values, slackAppId),
  });
  const movedLegacyKeys = legacyKeysIn(document.context);
  if (movedLegacyKeys.length > 0)
    output.info(`Moved ${movedLegacyKeys.join(' and ')} out of cdk.json into the secret ${settings.secretId}.`);

  return {
    cdkJson: document.path,
    secret: {
      id: settings.secretId,
      write: secretWrite,
      keys: Object.keys(credentials).filter((key) => credentials[key as keyof SlackCredentials]),
    },
    manifestFile: manifestPath,
    ...(app ? { slackApp: { appId: app.appId, action: app.action, installUrl: app.installUrl } } : {}),
    movedLegacyKeys,
    nextSteps: nextSteps(credentials, app, options.manifestFile),
  };
}

export type { InitOptions };
export { runInit };
