import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsClientConfig } from '../../core/aws';
import { ConfigError } from '../../core/errors';
import { LambdaDispatcher } from '../../core/remediation/LambdaDispatcher';
import type { Dispatcher } from '../../core/remediation/ports';
import type { Settings } from '../../core/types/settings';

/** The finding and remediation handlers hand jobs to the remediator function asynchronously (`Event`). */
function remediatorDispatcher(settings: Settings): Dispatcher {
  if (!settings.remediatorFunction) {
    throw new ConfigError(['remediator function is not set: MACIE_REMEDIATE_REMEDIATOR_FUNCTION']);
  }
  return new LambdaDispatcher({
    lambda: new LambdaClient(awsClientConfig(settings)),
    functionName: settings.remediatorFunction,
  });
}

export { remediatorDispatcher };
