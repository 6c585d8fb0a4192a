import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { ServiceException } from '@smithy/core/client';
import type { FinalizeRequestMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';

type CommandInput = Readonly<Record<string, unknown>>;

interface FaultRule {
  /** Command class name, e.g. `DeleteObjectCommand`; any command when absent. */
  readonly command?: string;
  /** Only calls whose input matches count (e.g. `(input) => input.Bucket === quarantineBucket`). */
  readonly match?: (input: CommandInput) => boolean;
  /** The first matching attempt that fails, 1-based. @default 1 */
  readonly nth?: number;
  /** How many matching attempts fail, from the nth on (a client that retries makes several per call). @default 1 */
  readonly times?: number;
  /**
   * `before`: the request never reaches the store. `after`: it runs, then its reply is lost (the store
   * changed, the caller sees an error). @default 'before'
   */
  readonly when?: 'before' | 'after';
  /**
   * What the failing attempt throws; the SDK's retry strategy classifies it by name and status, as it would
   * the store's reply (`SlowDown` 503 and `ProvisionedThroughputExceededException` are retried, `AccessDenied`
   * is not). @default an `InternalError` (HTTP 500). An Error instance is a bug in our own code instead: it
   * is thrown above the SDK's retry, which would dress it as a service failure.
   */
  readonly error?: { readonly name: string; readonly status: number; readonly message?: string } | Error;
}

interface Fault {
  /** How many attempts have been failed so far. */
  readonly injected: number;
  remove(): void;
}

interface RecordedCall {
  readonly command: string;
  readonly input: CommandInput;
  /** False until the call succeeded (and for ever, if it failed). */
  readonly ok: boolean;
}

interface Recording {
  readonly calls: readonly RecordedCall[];
  remove(): void;
}

function buildError(rule: FaultRule): Error {
  if (rule.error instanceof Error) return rule.error;
  const { name, status, message } = rule.error ?? { name: 'InternalError', status: 500 };
  return new ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
    message: message ?? `injected ${name} (${rule.command ?? 'any command'})`,
  });
}

const commandNameOf = (context: unknown): string =>
  String((context as { commandName?: unknown } | undefined)?.commandName ?? 'UnknownCommand');

/** Any SDK v3 client: S3, DynamoDB (the document client shares its stack), ... */
interface SdkClient<Input extends object, Output extends MetadataBearer> {
  readonly middlewareStack: MiddlewareStack<Input, Output>;
}

/**
 * Makes a client fail chosen attempts, through a middleware on the client's own stack (the real SDK and the
 * real store otherwise): `failOn(s3, { command: 'DeleteObjectCommand', times: 1 })`. It sits right after
 * the SDK's retry middleware, where each attempt passes, so the client's retry strategy sees the fault as
 * it would see the store's reply: with `maxAttempts: 1` a fault fails the call, with the production retry
 * settings a fault for fewer attempts than the strategy allows is retried away.
 */
function failOn<Input extends object, Output extends MetadataBearer>(
  client: SdkClient<Input, Output>,
  rule: FaultRule,
): Fault {
  const name = `fault-${randomUUID()}`;
  const first = rule.nth ?? 1;
  const last = first + (rule.times ?? 1) - 1;
  let seen = 0;
  let injected = 0;
  const middleware: FinalizeRequestMiddleware<Input, Output> = (next, context) => async (args) => {
    const input = args.input as CommandInput;
    const matches =
      (rule.command === undefined || commandNameOf(context) === rule.command) && (rule.match?.(input) ?? true);
    if (!matches) return next(args);
    seen += 1;
    if (seen < first || seen > last) return next(args);
    injected += 1;
    if (rule.when === 'after') await next(args);
    throw buildError(rule);
  };
  const relation = rule.error instanceof Error ? 'before' : 'after';
  client.middlewareStack.addRelativeTo(middleware, { relation, toMiddleware: 'retryMiddleware', name });
  return {
    get injected() {
      return injected;
    },
    remove: () => {
      client.middlewareStack.remove(name);
    },
  };
}

/**
 * Runs `action` (another writer, another engine) just before the nth matching call reaches the store:
 * a race made deterministic. `action` must use another client, or it would meet this hook itself.
 */
function beforeCall(
  s3: S3Client,
  rule: Pick<FaultRule, 'command' | 'match' | 'nth'>,
  action: () => Promise<unknown>,
): { remove(): void } {
  const name = `race-${randomUUID()}`;
  let seen = 0;
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as CommandInput;
      const matches =
        (rule.command === undefined || commandNameOf(context) === rule.command) && (rule.match?.(input) ?? true);
      if (matches && ++seen === (rule.nth ?? 1)) await action();
      return next(args);
    },
    { step: 'initialize', priority: 'low', name },
  );
  return { remove: () => s3.middlewareStack.remove(name) };
}

/** Records every call the client makes, in the order they start, with whether each succeeded (faults included). */
function recordCalls(s3: S3Client): Recording {
  const name = `record-${randomUUID()}`;
  const calls: RecordedCall[] = [];
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const entry = { command: commandNameOf(context), input: args.input as CommandInput, ok: false };
      calls.push(entry);
      const output = await next(args);
      entry.ok = true;
      return output;
    },
    { step: 'initialize', priority: 'high', name },
  );
  return { calls, remove: () => s3.middlewareStack.remove(name) };
}

export type { CommandInput, Fault, FaultRule, RecordedCall, Recording, SdkClient };
export { beforeCall, failOn, recordCalls };
