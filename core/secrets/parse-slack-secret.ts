import { RemediateError } from '../errors';
import type { Logger } from '../types/runtime';
import type { SlackCredentials } from '../types/settings';

const FIELDS = ['signingSecret', 'botToken', 'webhookUrl'] as const;
/** The original solution's name for the webhook URL; still read, with a warning. */
const LEGACY_WEBHOOK_KEY = 'slackWebHookUrl';

/** Names the secret and what is wrong, never the value (JSON.parse's own message quotes the input). */
const malformed = (secretId: string, problem: string): RemediateError =>
  new RemediateError('CONFIG_INVALID', `Slack secret ${secretId} ${problem}`, {
    source: 'user',
    context: { setting: 'secretId' },
  });

function stringField(secretId: string, json: Record<string, unknown>, key: string): string | undefined {
  const value = json[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw malformed(secretId, `has a non-string ${key}`);
  return value;
}

/**
 * The secret's value: a JSON object `{"signingSecret", "botToken", "webhookUrl"}`, any of them absent.
 * Empty strings and nulls count as absent; unknown keys are ignored.
 */
function parseSlackSecret(secretId: string, value: string, logger: Logger): SlackCredentials {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw malformed(secretId, 'is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed(secretId, `is not a JSON object with ${FIELDS.join(', ')}`);
  }
  const record = json as Record<string, unknown>;
  const [signingSecret, botToken, webhookUrl] = FIELDS.map((key) => stringField(secretId, record, key));
  const legacyWebhookUrl = stringField(secretId, record, LEGACY_WEBHOOK_KEY);
  if (legacyWebhookUrl && !webhookUrl) {
    logger.warn(`Slack secret uses the legacy key ${LEGACY_WEBHOOK_KEY}; rename it to webhookUrl`, { secretId });
  }
  return {
    ...(signingSecret ? { signingSecret } : {}),
    ...(botToken ? { botToken } : {}),
    ...((webhookUrl ?? legacyWebhookUrl) ? { webhookUrl: webhookUrl ?? legacyWebhookUrl } : {}),
  };
}

export { parseSlackSecret };
