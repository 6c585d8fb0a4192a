import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fail, ok, type Rule } from '../../core/config/rule';

/*
 * Slack's own formats, stricter than the settings loader (which also serves the local stand-ins): init stores
 * what an admin pastes, so a wrong paste (the client secret, the verification token, a link to something
 * else) is caught before it lands in the secret.
 */

/** Slack shows the signing secret as 32 hexadecimal characters. */
const slackSigningSecretRule: Rule<string> = (input) => {
  const value = input.trim();
  return /^[0-9a-f]{32}$/i.test(value)
    ? ok(value)
    : fail("must be the app's signing secret: 32 hexadecimal characters (Basic Information, App Credentials)");
};

const slackWebhookUrlRule: Rule<string> = (input) => {
  const value = input.trim();
  return /^https:\/\/hooks\.slack\.com\/\S+$/.test(value)
    ? ok(value)
    : fail('must be a Slack incoming webhook URL (https://hooks.slack.com/services/…)');
};

/** Slack's limit for an app's display name. */
const APP_NAME_MAX = 35;

const slackAppNameRule: Rule<string> = (input) => {
  const value = input.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (value === '' || value.length > APP_NAME_MAX || /[\u0000-\u001f\u007f]/.test(value))
    return fail(`must be 1 to ${APP_NAME_MAX} printable characters (Slack's limit for an app name)`);
  return ok(value);
};

/** Where the manifest goes: a file (not a folder) in a folder that exists, relative to `cwd`. */
function manifestPathProblem(cwd: string, path: string): string | undefined {
  if (path.trim() === '') return 'must be a file path';
  const full = resolve(cwd, path);
  if (!existsSync(dirname(full))) return `its folder ${dirname(full)} does not exist`;
  if (existsSync(full) && statSync(full).isDirectory()) return 'is a folder, not a file';
  return undefined;
}

export { manifestPathProblem, slackAppNameRule, slackSigningSecretRule, slackWebhookUrlRule };
