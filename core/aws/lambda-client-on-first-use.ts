import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Settings } from '../types/settings';
import { awsClientConfig } from './aws-client-config';

/**
 * The Lambda client, loaded and made at the first call (then the same one). The handlers invoke the
 * remediator only for some events (a finding set to AUTO, an approved click; not a finding under REVIEW or
 * IGNORE, a dismissal, a refused click), so the others do not pay for loading client-lambda
 * (BENCHMARKS.md, "Module load").
 */
function lambdaClientOnFirstUse(settings: Settings): () => LambdaClient {
  let client: LambdaClient | undefined;
  return () => {
    if (!client) {
      const { LambdaClient } = require('./lambda-sdk') as typeof import('./lambda-sdk');
      client = new LambdaClient(awsClientConfig(settings));
    }
    return client;
  };
}

export { lambdaClientOnFirstUse };
