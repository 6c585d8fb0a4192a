import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Endpoint of the moto server started by test/support/global-setup.ts. */
function motoUrl(): string {
  const url = process.env.MOTO_URL;
  if (!url) throw new Error('MOTO_URL is not set: run the tests through jest (globalSetup starts moto)');
  return url;
}

const testCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const baseConfig = (endpoint = motoUrl()) => ({
  region: 'us-east-1',
  endpoint,
  credentials: testCredentials,
  maxAttempts: 1,
});

/** `endpoint`: another moto than the shared one (a suite's per-credentials moto, or a proxy in front of it). */
const motoS3 = (endpoint?: string): S3Client => new S3Client({ ...baseConfig(endpoint), forcePathStyle: true });
const motoDynamo = (endpoint?: string): DynamoDBClient => new DynamoDBClient(baseConfig(endpoint));
const motoSecrets = (endpoint?: string): SecretsManagerClient => new SecretsManagerClient(baseConfig(endpoint));

/** A name no other test uses, valid as a bucket, table or secret name. */
const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`.toLowerCase();

/** Environment that points every SDK client and the CLI at moto. */
const motoEnv = (endpoint = motoUrl()): Record<string, string> => ({
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

export { motoDynamo, motoEnv, motoS3, motoSecrets, motoUrl, testCredentials, uniqueName };
