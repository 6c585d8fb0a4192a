import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { dynamoClientConfig } from '../core/aws/aws-client-config';
import { lambdaClientOnFirstUse, securityHubClientOnFirstUse } from '../core/aws/sdk-on-first-use';
import { buildClickDeps } from '../core/compose/click-deps';
import { dispatcherFor } from '../core/compose/dispatcher-for';
import {
  remediationHandlerOptions,
  SECURITY_HUB_CLICK_BUDGET,
  SLACK_CLICK_BUDGET,
} from '../core/compose/remediation-handler-options';
import { suppressionsOnFirstUse } from '../core/macie/suppressions-on-first-use';
import { createRemediationHandler } from './factories/remediation-handler';
import { createLambdaLogger } from './runtime/lambda-logger';
import { createLambdaRuntime } from './runtime/lambda-runtime';
import { type ProxyEvent, reply, requestIdOf } from './runtime/proxy-request';

const { logger, begin } = createLambdaLogger();
const runtime = createLambdaRuntime({
  env: process.env,
  logger,
  clients: (settings) => ({
    dynamo: new DynamoDBClient(dynamoClientConfig(settings)),
    lambda: lambdaClientOnFirstUse(settings),
    securityHub: securityHubClientOnFirstUse(settings, SECURITY_HUB_CLICK_BUDGET),
  }),
  compose: async (settings, { dynamo, lambda, securityHub }) => {
    const dispatcher = dispatcherFor({ settings, lambda });
    const { deps, notifier } = buildClickDeps({
      settings,
      dynamo,
      dispatcher,
      securityHub,
      suppressions: suppressionsOnFirstUse(settings),
      logger,
      slack: SLACK_CLICK_BUDGET,
    });
    return createRemediationHandler(
      await remediationHandlerOptions({ settings, deps, logger, ...(notifier ? { notifier } : {}) }),
    );
  },
});

/** API Gateway → this; composed once per container (again only when the Slack secret changes). */
const handler = async (event: ProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  begin(context, requestIdOf(event));
  let handle: Awaited<ReturnType<typeof runtime>>;
  try {
    handle = await runtime();
  } catch (err) {
    logger.error('remediation handler not ready', { error: err instanceof Error ? err.message : String(err) });
    return reply(500, 'internal error');
  }
  return handle(event);
};

export { handler };
