import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { RemediateError } from '../../core/errors';
import { silentLogger } from '../../core/logger';
import { parseSlackSecret } from '../../core/secrets/parse-slack-secret';
import type { SlackCredentials } from '../../core/types/settings';
import { awsFailure } from './aws-failure';

/** The secret as found: absent, or its JSON object (unknown keys kept on write) and the credentials in it. */
interface StoredSecret {
  readonly exists: boolean;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly credentials: SlackCredentials;
  /** Why the value could not be read as Slack credentials (never the value itself). */
  readonly problem?: string;
}

type SecretWrite = 'created' | 'updated' | 'unchanged';

const sdk = () => require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');

async function readStoredSecret(client: SecretsManagerClient, secretId: string): Promise<StoredSecret> {
  const { GetSecretValueCommand } = sdk();
  let value: string | undefined;
  try {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    value = answer.SecretString ?? (answer.SecretBinary && Buffer.from(answer.SecretBinary).toString('utf8'));
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceNotFoundException')
      return { exists: false, raw: {}, credentials: {} };
    throw awsFailure(`Could not read secret ${secretId}`, err);
  }
  try {
    const credentials = parseSlackSecret(secretId, value ?? '', silentLogger);
    return { exists: true, raw: JSON.parse(value ?? '') as Record<string, unknown>, credentials };
  } catch (err) {
    return { exists: true, raw: {}, credentials: {}, problem: (err as Error).message };
  }
}

/**
 * Creates the secret, or puts a new version merged over the stored one, so running init again with only a
 * new bot token keeps the signing secret. Nothing is written when nothing changed.
 */
async function writeStoredSecret(
  client: SecretsManagerClient,
  secretId: string,
  stored: StoredSecret,
  credentials: SlackCredentials,
): Promise<SecretWrite> {
  const { CreateSecretCommand, PutSecretValueCommand } = sdk();
  const value = { ...stored.raw, ...credentials };
  const text = JSON.stringify(value);
  try {
    if (!stored.exists) {
      if (secretId.startsWith('arn:'))
        throw new RemediateError('CONFIG_INVALID', `Secret ${secretId} does not exist: give a name to create one`, {
          source: 'user',
          context: { setting: 'secretId' },
        });
      await client.send(
        new CreateSecretCommand({
          Name: secretId,
          Description: 'Slack credentials of macie-remediate: {"signingSecret","botToken","webhookUrl"}',
          SecretString: text,
        }),
      );
      return 'created';
    }
    if (text === JSON.stringify(stored.raw) && !stored.problem) return 'unchanged';
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text }));
    return 'updated';
  } catch (err) {
    if (RemediateError.is(err)) throw err;
    throw awsFailure(`Could not write secret ${secretId}`, err);
  }
}

export type { SecretWrite, StoredSecret };
export { readStoredSecret, writeStoredSecret };
