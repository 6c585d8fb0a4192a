import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import type { AccountReach } from '../core/aws/account-clients';
import { dynamoClientConfig, s3ClientConfig } from '../core/aws/aws-client-config';
import { securityHubClientOnFirstUse, stsClientOnFirstUse } from '../core/aws/sdk-on-first-use';
import { buildJobDeps } from '../core/compose/job-deps';
import type { RemediationResult } from '../core/types/outcome';
import { createRemediator } from './factories/remediator';
import { createLambdaLogger } from './runtime/lambda-logger';
import { createLambdaRuntime } from './runtime/lambda-runtime';

const env = process.env;
const { logger, begin } = createLambdaLogger();
const runtime = createLambdaRuntime({
  env,
  logger,
  clients: (settings) => {
    const s3Config = s3ClientConfig(settings, env);
    // Member accounts' objects and other Regions: the member role through STS, S3 clients made like `s3`.
    const accounts: AccountReach = {
      sts: stsClientOnFirstUse(settings),
      s3: (overrides) => new S3Client({ ...s3Config, ...overrides }),
    };
    return {
      s3: new S3Client(s3Config),
      dynamo: new DynamoDBClient(dynamoClientConfig(settings)),
      securityHub: securityHubClientOnFirstUse(settings),
      accounts,
    };
  },
  compose: (settings, clients) => {
    // The quarantine key comes in the settings (MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID, set by infra/Functions.ts).
    const { deps } = buildJobDeps({ settings, ...clients, logger });
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
