import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoClientConfig } from '../core/aws/aws-client-config';
import { lambdaClientOnFirstUse } from '../core/aws/sdk-on-first-use';
import { dispatcherFor } from '../core/compose/dispatcher-for';
import { buildFindingDeps } from '../core/compose/finding-deps';
import type { RemediationResult } from '../core/types/outcome';
import { createFindingHandler, eventIdOf } from './factories/finding-handler';
import { createLambdaLogger } from './runtime/lambda-logger';
import { createLambdaRuntime } from './runtime/lambda-runtime';

const { logger, begin } = createLambdaLogger();
const runtime = createLambdaRuntime({
  env: process.env,
  logger,
  clients: (settings) => ({
    dynamo: new DynamoDBClient(dynamoClientConfig(settings)),
    lambda: lambdaClientOnFirstUse(settings),
  }),
  compose: (settings, { dynamo, lambda }) => {
    const dispatcher = dispatcherFor({ settings, lambda });
    return createFindingHandler({ deps: buildFindingDeps({ settings, dynamo, dispatcher, logger }) });
  },
});

/** EventBridge → this; composed once per container. */
const handler = async (event: unknown, context: Context): Promise<RemediationResult> => {
  begin(context, eventIdOf(event));
  const handle = await runtime();
  return handle(event);
};

export { handler };
