import { fail, httpUrlRule, ok, type Rule } from './rule';

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
/** Slack's naming rules: lowercase letters, digits, `-` and `_`, at most 80 characters. */
const CHANNEL_NAME = /^[a-z0-9_-]{1,80}$/;

/** A channel id (`C…`, `G…`) or name (`#name` or `name`); names are kept without the `#`. */
const channelRule: Rule<string> = (input) => {
  const value = input.trim();
  if (CHANNEL_ID.test(value)) return ok(value);
  const name = value.startsWith('#') ? value.slice(1) : value;
  return CHANNEL_NAME.test(name)
    ? ok(name)
    : fail('must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)');
};

const teamIdRule: Rule<string> = (input) => {
  const value = input.trim();
  return /^T[A-Z0-9]{6,}$/.test(value)
    ? ok(value)
    : fail('must be a Slack team id (T followed by capitals and digits)');
};

type Approver = { readonly kind: 'user' | 'group'; readonly id: string };

/** Users (`U…`, `W…` on Enterprise Grid) approve themselves; members of a user group (`S…`) approve too. */
const approverRule: Rule<Approver> = (input) => {
  const id = input.trim();
  if (/^[UW][A-Z0-9]{6,}$/.test(id)) return ok({ kind: 'user', id });
  if (/^S[A-Z0-9]{6,}$/.test(id)) return ok({ kind: 'group', id });
  return fail('must be a Slack user id (U… or W…) or user group id (S…)');
};

const botTokenRule: Rule<string> = (input) =>
  /^xoxb-\S+$/.test(input) ? ok(input) : fail('must be a bot token (xoxb-…)');

const signingSecretRule: Rule<string> = (input) => {
  if (input === '') return fail('must not be empty');
  return /\s/.test(input) ? fail('must not contain whitespace') : ok(input);
};

/** Any http(s) URL, not only hooks.slack.com: the local stack and tests post to stand-ins. */
const webhookUrlRule: Rule<string> = httpUrlRule;

/** The Web API base; @slack/web-api appends the method name, so it must end in `/`. */
const slackApiUrlRule: Rule<string> = (input) => {
  const result = httpUrlRule(input);
  if (!result.ok) return result;
  return ok(result.value.endsWith('/') ? result.value : `${result.value}/`);
};

export type { Approver };
export { approverRule, botTokenRule, channelRule, signingSecretRule, slackApiUrlRule, teamIdRule, webhookUrlRule };
