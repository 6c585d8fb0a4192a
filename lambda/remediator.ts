import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import type { AccountReach } from '../core/aws/account-clients';
import { awsClientConfig, dynamoClientConfig, s3ClientConfig } from '../core/aws/aws-client-config';
import { buildJobDeps } from '../core/compose/job-deps';
import type { RemediationResult } from '../core/types/outcome';
import { createRemediator } from './factories/remediator';
import { createLambdaLogger } from './runtime/lambda-logger';
import { createLambdaRuntime } from './runtime/lambda-runtime';

/** The remediator's own variable (infra/Functions.ts): engine tuning, not a user setting. */
const KMS_KEY_ENV = 'MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID';

const { [KMS_KEY_ENV]: kmsKeyId, ...env } = process.env;
const { logger, begin } = createLambdaLogger();
const runtime = createLambdaRuntime({
  env,
  logger,
  clients: (settings) => {
    const s3Config = s3ClientConfig(settings, env);
    const sts = new STSClient(awsClientConfig(settings));
    // Member accounts' objects and other Regions: the member role through STS, S3 clients made like `s3`.
    const accounts: AccountReach = { sts: () => sts, s3: (overrides) => new S3Client({ ...s3Config, ...overrides }) };
    return {
      s3: new S3Client(s3Config),
      dynamo: new DynamoDBClient(dynamoClientConfig(settings)),
      securityHub: new SecurityHubClient(awsClientConfig(settings)),
      accounts,
    };
  },
  compose: (settings, { securityHub, ...clients }) => {
    const { deps } = buildJobDeps({
      settings,
      ...clients,
      securityHub: () => securityHub,
      logger,
      ...(kmsKeyId ? { engine: { kmsKeyId } } : {}),
    });
    return createRemediator({ deps });
  },
});

/** Invoked asynchronously (`Event`) by the handlers, synchronously by the CLI; composed once per container. */
const handler = async (job: unknown, context: Context): Promise<RemediationResult> => {
  begin(context, context.awsRequestId);
  const handle = await runtime();
  return handle(job);
};

export { handler };
