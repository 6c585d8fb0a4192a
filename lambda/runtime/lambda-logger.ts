import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Logger } from '../../core/types/runtime';

interface LambdaLogger {
  /** core's Logger over Powertools: one JSON line per event, with the invocation's keys. */
  readonly logger: Logger;
  /** Starts an invocation: the Lambda context (request id, cold start) and the correlation id on every line. */
  begin(context: Context | undefined, correlationId: string | undefined): void;
}

/** Powertools Logger (service name and level from POWERTOOLS_SERVICE_NAME / LOG_LEVEL), adapted to core's Logger. */
function createLambdaLogger(): LambdaLogger {
  const powertools = new PowertoolsLogger({ serviceName: 'macie-remediate' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (fields) powertools[level](message, { ...fields });
      else powertools[level](message);
    };
  return {
    logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
    begin(context, correlationId) {
      // One invocation at a time per container: the previous invocation's keys go.
      powertools.resetKeys();
      if (context) powertools.addContext(context);
      powertools.appendKeys({ correlationId: correlationId ?? context?.awsRequestId });
    },
  };
}

export type { LambdaLogger };
export { createLambdaLogger };
