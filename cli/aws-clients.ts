import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Macie2Client } from '@aws-sdk/client-macie2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AccountReach } from '../core/aws/account-clients';
import { awsClientConfig, dynamoClientConfig, s3ClientConfig } from '../core/aws/aws-client-config';
import type { Settings } from '../core/types/settings';

/**
 * SDK clients built on first use, from the resolved settings. The SDK modules load here, lazily, so
 * that `--help` and commands that need no AWS never pay for them.
 */
class AwsClients {
  readonly #settings: Settings;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #made = new Map<string, unknown>();

  constructor(settings: Settings, env: Readonly<Record<string, string | undefined>>) {
    this.#settings = settings;
    this.#env = env;
  }

  get s3(): S3Client {
    return this.#once('s3', () => {
      const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
      return new S3Client(s3ClientConfig(this.#settings, this.#env));
    });
  }

  /** How the engine reaches member accounts and other Regions: STS, and S3 clients made like `s3`. */
  get reach(): AccountReach {
    return {
      sts: () => this.sts,
      s3: (overrides) => {
        const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
        return new S3Client({ ...s3ClientConfig(this.#settings, this.#env), ...overrides });
      },
    };
  }

  get dynamo(): DynamoDBClient {
    return this.#once('dynamo', () => {
      const { DynamoDBClient } = require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
      return new DynamoDBClient(dynamoClientConfig(this.#settings));
    });
  }

  get macie(): Macie2Client {
    return this.#once('macie', () => {
      const { Macie2Client } = require('@aws-sdk/client-macie2') as typeof import('@aws-sdk/client-macie2');
      // Macie publishes no request quota: adaptive retry also slows down after ThrottlingException.
      return new Macie2Client({ ...awsClientConfig(this.#settings), retryMode: 'adaptive' });
    });
  }

  get secrets(): SecretsManagerClient {
    return this.#once('secrets', () => {
      const { SecretsManagerClient } =
        require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
      return new SecretsManagerClient(awsClientConfig(this.#settings));
    });
  }

  get lambda(): LambdaClient {
    return this.#once('lambda', () => {
      const { LambdaClient } = require('@aws-sdk/client-lambda') as typeof import('@aws-sdk/client-lambda');
      return new LambdaClient(awsClientConfig(this.#settings));
    });
  }

  get securityHub(): SecurityHubClient {
    return this.#once('securityHub', () => {
      const { SecurityHubClient } =
        require('@aws-sdk/client-securityhub') as typeof import('@aws-sdk/client-securityhub');
      return new SecurityHubClient(awsClientConfig(this.#settings));
    });
  }

  get sts(): STSClient {
    return this.#once('sts', () => {
      const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
      return new STSClient(awsClientConfig(this.#settings));
    });
  }

  #once<T>(name: string, make: () => T): T {
    if (!this.#made.has(name)) this.#made.set(name, make());
    return this.#made.get(name) as T;
  }
}

export { AwsClients };
