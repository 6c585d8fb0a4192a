import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { RemediateError } from '../errors';
import { silentLogger, systemClock } from '../logger';
import { createTtlCache } from '../slack/ttl-cache';
import type { Clock, Logger } from '../types/runtime';
import type { SlackCredentials } from '../types/settings';
import { parseSlackSecret } from './parse-slack-secret';

interface SlackSecretReaderOptions {
  readonly client: SecretsManagerClient;
  /** Name or ARN (`macie-remediate/slack` by default in the settings). */
  readonly secretId: string;
  /** How long a read value is used before reading again: a rotated secret is picked up after this. @default 300000 */
  readonly ttlMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

interface SlackSecretReader {
  /** The credentials, from memory while fresh, else from Secrets Manager. */
  read(): Promise<SlackCredentials>;
}

const DEFAULT_SECRET_TTL_MS = 5 * 60 * 1000;

async function fetchSecretString(client: SecretsManagerClient, secretId: string): Promise<string> {
  let answer: GetSecretValueCommandOutput;
  try {
    answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (err) {
    const name = err instanceof Error ? err.name : 'unknown error';
    if (name === 'ResourceNotFoundException') {
      throw new RemediateError('CONFIG_INVALID', `Slack secret ${secretId} not found`, {
        source: 'user',
        cause: err,
        context: { setting: 'secretId' },
      });
    }
    throw new RemediateError('INTERNAL', `Could not read Slack secret ${secretId}: ${name}`, { cause: err });
  }
  if (answer.SecretString !== undefined) return answer.SecretString;
  if (answer.SecretBinary !== undefined) return Buffer.from(answer.SecretBinary).toString('utf8');
  throw new RemediateError('CONFIG_INVALID', `Slack secret ${secretId} has no value`, {
    source: 'user',
    context: { setting: 'secretId' },
  });
}

/**
 * Reads the Slack credentials from Secrets Manager at run time (never from the Lambda's environment) and keeps
 * them in memory for `ttlMs`, across invocations of a warm Lambda. A malformed value is CONFIG_INVALID naming
 * the secret, never quoting it.
 */
function createSlackSecretReader(options: SlackSecretReaderOptions): SlackSecretReader {
  const logger = options.logger ?? silentLogger;
  const cache = createTtlCache<string, SlackCredentials>(
    options.ttlMs ?? DEFAULT_SECRET_TTL_MS,
    options.clock ?? systemClock,
  );
  const load = async (): Promise<SlackCredentials> => {
    const value = await fetchSecretString(options.client, options.secretId);
    logger.debug('Slack secret read', { secretId: options.secretId });
    return parseSlackSecret(options.secretId, value, logger);
  };
  return { read: () => cache.get(options.secretId, load) };
}

export type { SlackSecretReader, SlackSecretReaderOptions };
export { createSlackSecretReader, DEFAULT_SECRET_TTL_MS };
