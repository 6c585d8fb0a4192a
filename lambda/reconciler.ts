import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Macie2Client } from '@aws-sdk/client-macie2';
import type { Context } from 'aws-lambda';
import { awsClientConfig, dynamoClientConfig } from '../core/aws/aws-client-config';
import { lambdaClientOnFirstUse, securityHubClientOnFirstUse } from '../core/aws/sdk-on-first-use';
import { dispatcherFor } from '../core/compose/dispatcher-for';
import { buildReconcileDeps } from '../core/compose/reconcile-deps';
import type { ReconcileReport } from '../core/reconcile/reconcile';
import { createReconciler, scheduleIdOf } from './factories/reconciler';
import { createLambdaLogger } from './runtime/lambda-logger';
import { createLambdaRuntime } from './runtime/lambda-runtime';

const { logger, begin } = createLambdaLogger();
const runtime = createLambdaRuntime({
  env: process.env,
  logger,
  clients: (settings) => ({
    // Every run pages Macie; adaptive retry slows the paging down when Macie throttles.
    macie: new Macie2Client({ ...awsClientConfig(settings), retryMode: 'adaptive' }),
    dynamo: new DynamoDBClient(dynamoClientConfig(settings)),
    // Only runs that find an AUTO finding or a dead job invoke the remediator.
    lambda: lambdaClientOnFirstUse(settings),
    securityHub: securityHubClientOnFirstUse(settings),
  }),
  compose: (settings, { dynamo, macie, lambda, securityHub }) => {
    const dispatcher = dispatcherFor({ settings, lambda });
    return createReconciler({
      deps: buildReconcileDeps({ settings, dynamo, macie, dispatcher, securityHub, logger }),
    });
  },
});

/** The EventBridge schedule (`reconcileSchedule`) → this; composed once per container. */
const handler = async (event: unknown, context: Context): Promise<ReconcileReport> => {
  begin(context, scheduleIdOf(event));
  const reconcileRun = await runtime();
  return reconcileRun(event, () => context.getRemainingTimeInMillis());
};

export { handler };
