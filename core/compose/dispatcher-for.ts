import type { LambdaClient } from '@aws-sdk/client-lambda';
import { ConfigError } from '../errors';
import { LambdaDispatcher } from '../remediation/LambdaDispatcher';
import type { Dispatcher } from '../types/ports';
import type { Settings } from '../types/settings';

interface DispatcherChoice {
  readonly settings: Settings;
  /**
   * Reaches the remediator function; called at each job (memoise it), only when one is configured. Without
   * it, jobs stay in this process.
   */
  readonly lambda?: () => LambdaClient;
  /** Wait for each job's result (the CLI reports it) instead of handing the job off (`Event`). @default false */
  readonly wait?: boolean;
  /** Runs jobs here when they do not go to the remediator function. @default none: the function is required */
  readonly inProcess?: Dispatcher;
}

/**
 * Where jobs go, decided in one place for every door: to the deployed remediator function when one is
 * configured (only its role may touch the quarantine bucket), otherwise in this process when the door can
 * run them (the CLI, `serve`, the local stack).
 * @throws ConfigError when neither: a Lambda handler never moves objects itself.
 */
function dispatcherFor(choice: DispatcherChoice): Dispatcher {
  const functionName = choice.settings.remediatorFunction;
  if (functionName && choice.lambda) {
    return new LambdaDispatcher({ lambda: choice.lambda, functionName, wait: choice.wait ?? false });
  }
  if (choice.inProcess) return choice.inProcess;
  throw new ConfigError(['remediator function is not set: MACIE_REMEDIATE_REMEDIATOR_FUNCTION']);
}

export type { DispatcherChoice };
export { dispatcherFor };
