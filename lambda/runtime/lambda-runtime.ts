import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig, s3ClientConfig } from '../../core/aws';
import { type BuildRemediationDepsOptions, buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { loadSettings } from '../../core/config';
import { RemediateError } from '../../core/errors';
import type { Dispatcher } from '../../core/remediation/ports';
import type { RemediationDeps } from '../../core/remediation/RemediationDeps';
import { createSlackSecretReader, type SlackSecretReader } from '../../core/secrets/slack-secret';
import type { Notifier } from '../../core/types/ports';
import type { Logger } from '../../core/types/runtime';
import type { Settings, SlackCredentials } from '../../core/types/settings';

type Env = Readonly<Record<string, string | undefined>>;

/** The remediator's own variable (infra/Functions.ts): engine tuning, not a user setting. */
const KMS_KEY_ENV = 'MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID';

interface LambdaRuntimeOptions {
  readonly env: Env;
  readonly logger: Logger;
  /** Where jobs go (the handlers: the remediator function). @default run them in this process, awaited */
  readonly dispatcher?: (settings: Settings) => Dispatcher;
  /** How long Slack calls may take (the click handler: SLACK_CLICK_BUDGET). @default the notifier's defaults */
  readonly slack?: BuildRemediationDepsOptions['slack'];
}

interface LambdaRuntime {
  readonly settings: Settings;
  readonly deps: RemediationDeps;
  readonly notifier?: Notifier;
}

/**
 * A Lambda's composition, built on the first invocation and reused by the next ones in the container.
 * Settings come from the function's environment plus the Slack secret (Secrets Manager, cached); the
 * dependencies are rebuilt only when the secret's value changes (rotation).
 */
function createLambdaRuntime(options: LambdaRuntimeOptions): () => Promise<LambdaRuntime> {
  const { [KMS_KEY_ENV]: kmsKeyId, ...env } = options.env;
  let base: { s3: S3Client; dynamo: DynamoDBClient; secret: SlackSecretReader } | undefined;
  let built: { credentials: string; runtime: LambdaRuntime } | undefined;

  const init = () => {
    const settings = loadSettings({ env });
    const secrets = new SecretsManagerClient(awsClientConfig(settings));
    const secret = createSlackSecretReader({ client: secrets, secretId: settings.secretId, logger: options.logger });
    return {
      s3: new S3Client(s3ClientConfig(settings, env)),
      dynamo: new DynamoDBClient(awsClientConfig(settings)),
      secret,
    };
  };

  return async () => {
    base ??= init();
    const credentials = await readCredentials(base.secret, options.logger);
    // Compared by value: the cache hands out a new object after each TTL even when nothing was rotated.
    const key = JSON.stringify(credentials);
    if (built?.credentials === key) return built.runtime;
    const settings = loadSettings({ env, secret: credentials });
    const { deps, notifier } = buildRemediationDeps({
      settings,
      s3: base.s3,
      dynamo: base.dynamo,
      logger: options.logger,
      ...(options.slack ? { slack: options.slack } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher(settings) } : {}),
      ...(kmsKeyId ? { engine: { kmsKeyId } } : {}),
    });
    built = { credentials: key, runtime: { settings, deps, ...(notifier ? { notifier } : {}) } };
    return built.runtime;
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

export type { LambdaRuntime, LambdaRuntimeOptions };
export { createLambdaRuntime };
