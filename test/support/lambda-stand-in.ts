import { LocalHttpServer } from '../../local/http/LocalHttpServer';
import { readBody } from '../../local/http/read-body';
import { sendJson, sendText } from '../../local/http/reply';

type Target = (payload: unknown) => Promise<unknown>;

interface Invocation {
  readonly functionName: string;
  readonly invocationType: string;
  readonly payload: unknown;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * The Lambda Invoke API for the real LambdaClient (`AWS_ENDPOINT_URL_LAMBDA`): `Event` invocations answer
 * 202 and run the target afterwards, as Lambda's async queue does; `RequestResponse` answers its result.
 */
class LambdaStandIn {
  readonly invocations: Invocation[] = [];
  readonly failures: unknown[] = [];
  readonly #targets = new Map<string, Target>();
  readonly #running = new Set<Promise<unknown>>();
  readonly #server = new LocalHttpServer('Lambda stand-in', async (req, res) => {
    const match = INVOKE_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const functionName = decodeURIComponent(match?.[1] ?? '');
    const target = this.#targets.get(functionName);
    if (req.method !== 'POST' || !target) {
      return sendJson(
        res,
        404,
        { Type: 'User', message: `Function not found: ${functionName}` },
        {
          'x-amzn-errortype': 'ResourceNotFoundException',
        },
      );
    }
    const payload: unknown = JSON.parse((await readBody(req)) || 'null');
    const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    this.invocations.push({ functionName, invocationType, payload });
    if (invocationType === 'Event') {
      const run = target(payload).catch((err: unknown) => this.failures.push(err));
      this.#running.add(run);
      void run.finally(() => this.#running.delete(run));
      return sendText(res, 202, '');
    }
    try {
      sendJson(res, 200, await target(payload));
    } catch (err) {
      sendJson(res, 200, { errorMessage: String(err) }, { 'x-amz-function-error': 'Unhandled' });
    }
  });

  register(functionName: string, target: Target): void {
    this.#targets.set(functionName, target);
  }

  start(): Promise<string> {
    return this.#server.start();
  }

  stop(): Promise<void> {
    return this.#server.stop();
  }

  /** Resolves when every asynchronous invocation has finished. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

export type { Invocation };
export { LambdaStandIn };
