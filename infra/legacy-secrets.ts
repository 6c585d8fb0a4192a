import type { ContextReader } from './stack-config';

/**
 * Context keys that hold Slack secrets in plaintext: the original solution's two, plus the
 * spellings a user might add. The stack never reads their values beyond "is it set".
 */
const LEGACY_SECRET_KEYS = [
  'slackSigningSecret',
  'slackWebHookUrl',
  'slackWebhookUrl',
  'slackBotToken',
  'signingSecret',
  'botToken',
  'webhookUrl',
] as const;

/** The original cdk.json shipped this placeholder; it is not a secret. */
const PLACEHOLDER = 'UPDATE-THIS';

/** Names (never values) of the secret-holding keys present in the context. */
function findLegacySecretKeys(read: ContextReader): string[] {
  return LEGACY_SECRET_KEYS.filter((key) => {
    const value = read(key);
    return value !== undefined && value !== null && value !== '' && value !== PLACEHOLDER;
  });
}

/** The synthesis warning: names the key and the way out, never the value. */
function legacySecretWarning(key: string, secretId: string): string {
  return (
    `cdk.json context "${key}" holds a Slack secret in plaintext. The stack ignores it: secrets live only in ` +
    `the Secrets Manager secret "${secretId}". Move it there with "macie-remediate init", then delete the key ` +
    'from cdk.json.'
  );
}

export { findLegacySecretKeys, LEGACY_SECRET_KEYS, legacySecretWarning };
