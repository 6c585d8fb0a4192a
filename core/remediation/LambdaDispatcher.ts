import type { LambdaClient } from '@aws-sdk/client-lambda';
import { lambdaSdk } from '../aws/sdk-on-first-use';
import { RemediateError } from '../errors';
import type { RemediationResult } from '../types/outcome';
import type { Dispatcher, RemediationJob } from '../types/ports';

/**
 * Hands jobs to the deployed remediator function. The Lambdas invoke it asynchronously (`Event`:
 * Lambda retries and dead-letters failures); the CLI waits for the result (`RequestResponse`),
 * because only the remediator's role may touch the locked-down quarantine bucket. The client is made and
 * client-lambda loaded at the first job (core/aws/sdk-on-first-use.ts says why).
 */
class LambdaDispatcher implements Dispatcher {
  readonly #lambda: () => LambdaClient;
  readonly #functionName: string;
  readonly #wait: boolean;

  constructor(options: { lambda: () => LambdaClient; functionName: string; wait?: boolean }) {
    this.#lambda = options.lambda;
    this.#functionName = options.functionName;
    this.#wait = options.wait ?? false;
  }

  async dispatch(job: RemediationJob): Promise<RemediationResult | undefined> {
    const { InvokeCommand } = lambdaSdk();
    const response = await this.#lambda().send(
      new InvokeCommand({
        FunctionName: this.#functionName,
        InvocationType: this.#wait ? 'RequestResponse' : 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(job)),
      }),
    );
    if (!this.#wait) return undefined;
    const body = response.Payload ? new TextDecoder().decode(response.Payload) : '';
    if (response.FunctionError) {
      throw new RemediateError('INTERNAL', `remediator ${this.#functionName} failed: ${body.slice(0, 500)}`);
    }
    return JSON.parse(body) as RemediationResult;
  }
}

export { LambdaDispatcher };
