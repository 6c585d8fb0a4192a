import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig } from '../../core/aws/aws-client-config';
import { loadSettings } from '../../core/config/load-settings';
import { RemediateError } from '../../core/errors';
import { createSlackSecretReader, type SlackSecretReader } from '../../core/secrets/slack-secret';
import type { Logger } from '../../core/types/runtime';
import type { Settings, SlackCredentials } from '../../core/types/settings';

type Env = Readonly<Record<string, string | undefined>>;

interface LambdaRuntimeOptions<Clients, Composed> {
  /** The function's environment, without any variable that is not a setting. */
  readonly env: Env;
  readonly logger: Logger;
  /** The SDK clients this function calls, made once per container (from the settings without the secret). */
  readonly clients: (settings: Settings) => Clients;
  /** This function's handler over its own narrow dependencies; again only when the Slack secret changes. */
  readonly compose: (settings: Settings, clients: Clients) => Composed | Promise<Composed>;
}

/**
 * A Lambda's composition, built on the first invocation and reused by the next ones in the container.
 * Settings come from the function's environment plus the Slack secret (Secrets Manager, cached); the
 * composition is rebuilt only when the secret's value changes (rotation). Creating a runtime does nothing:
 * the first call reads the settings.
 */
function createLambdaRuntime<Clients, Composed>(
  options: LambdaRuntimeOptions<Clients, Composed>,
): () => Promise<Composed> {
  const { env, logger } = options;
  let base: { clients: Clients; secret: SlackSecretReader } | undefined;
  let built: { credentials: string; composed: Composed } | undefined;

  const init = () => {
    const settings = loadSettings({ env });
    const secrets = new SecretsManagerClient(awsClientConfig(settings));
    return {
      clients: options.clients(settings),
      secret: createSlackSecretReader({ client: secrets, secretId: settings.secretId, logger }),
    };
  };

  return async () => {
    base ??= init();
    const credentials = await readCredentials(base.secret, logger);
    // Compared by value: the cache hands out a new object after each TTL even when nothing was rotated.
    const key = JSON.stringify(credentials);
    if (built?.credentials === key) return built.composed;
    const composed = await options.compose(loadSettings({ env, secret: credentials }), base.clients);
    built = { credentials: key, composed };
    return composed;
  };
}

const NO_SECRET: SlackCredentials = {};

/** A secret that does not exist means no Slack (moves still run); any other failure is worth a retry. */
async function readCredentials(reader: SlackSecretReader, logger: Logger): Promise<SlackCredentials> {
  try {
    return await reader.read();
  } catch (err) {
    if (!RemediateError.isUserError(err)) throw err;
    logger.warn('Slack credentials unavailable; continuing without Slack', { error: err.message });
    return NO_SECRET;
  }
}

export type { LambdaRuntimeOptions };
export { createLambdaRuntime };
