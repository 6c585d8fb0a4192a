import type { Context } from 'aws-lambda';
import type { Logger } from '../../core/types/runtime';

interface LambdaLogger {
  /** core's Logger as JSON lines: one per event, with the invocation's keys. */
  readonly logger: Logger;
  /** Starts an invocation: the Lambda context (request id, cold start) and the correlation id on every line. */
  begin(context: Context | undefined, correlationId: string | undefined): void;
}

interface LambdaLoggerOptions {
  /** `LOG_LEVEL` (DEBUG, INFO, WARN, ERROR; any case) is read from it. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where DEBUG and INFO lines go. @default process.stdout */
  readonly out?: { write(line: string): unknown };
  /** Where WARN and ERROR lines go. @default process.stderr */
  readonly err?: { write(line: string): unknown };
  /** @default the system clock */
  readonly clock?: () => Date;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Readonly<Record<Level, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const SERVICE = 'macie-remediate';

const isLevel = (value: string): value is Level => Object.hasOwn(LEVELS, value);

/**
 * `LOG_LEVEL`, or INFO when unset; an unknown value is INFO too, said once (a typo must neither silence the
 * function nor stop it).
 */
function levelFrom(env: Readonly<Record<string, string | undefined>>): { level: Level; unknown?: string } {
  const wanted = env.LOG_LEVEL?.trim() ?? '';
  const level = wanted.toLowerCase();
  if (isLevel(level)) return { level };
  return wanted === '' ? { level: 'info' } : { level: 'info', unknown: wanted };
}

/** The Lambda context as keys, named as Powertools for AWS Lambda names them (dashboards and queries rely on them). */
function contextKeys(context: Context, coldStart: boolean, env: LambdaLoggerOptions['env']): Record<string, unknown> {
  return {
    cold_start: coldStart,
    function_arn: context.invokedFunctionArn,
    function_memory_size: Number(context.memoryLimitInMB),
    function_name: context.functionName,
    function_request_id: context.awsRequestId,
    xray_trace_id: env?._X_AMZN_TRACE_ID?.split(';')[0]?.replace('Root=', ''),
  };
}

/** JSON.stringify that writes an Error's name, message and stack, a bigint as text, and a cycle as a marker. */
function toJsonLine(entry: Readonly<Record<string, unknown>>): string {
  const seen = new WeakSet<object>();
  return `${JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) {
      const { name, message, stack } = value;
      const cause = (value as { cause?: unknown }).cause;
      return { name, message, stack, ...(cause === undefined ? {} : { cause }) };
    }
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  })}\n`;
}

/**
 * A structured JSON logger for the functions, in the shape Powertools' Logger writes (level, message, timestamp,
 * service, the Lambda context's keys, the correlation id, then the event's fields), without its weight at every
 * cold start (BENCHMARKS.md, "Module load"). DEBUG and INFO go to stdout, WARN and ERROR to stderr, as there.
 */
function createLambdaLogger(options: LambdaLoggerOptions = {}): LambdaLogger {
  const env = options.env ?? process.env;
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const clock = options.clock ?? (() => new Date());
  const { level, unknown } = levelFrom(env);
  const threshold = LEVELS[level];
  let invocationKeys: Record<string, unknown> = {};
  let invocations = 0;
  /** Fields dropped for wanting a key of the logger's own, each said once per container. */
  const refused = new Set<string>();

  const write =
    (level: Level) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (LEVELS[level] < threshold) return;
      const own: Record<string, unknown> = {
        level: level.toUpperCase(),
        message,
        timestamp: clock().toISOString(),
        service: SERVICE,
        ...invocationKeys,
      };
      // The logger's keys are what make its lines found (as Powertools keeps its own): a field never replaces one.
      const clashing = Object.keys(fields ?? {}).filter((key) => Object.hasOwn(own, key));
      const kept =
        clashing.length === 0
          ? fields
          : Object.fromEntries(Object.entries(fields ?? {}).filter(([key]) => !Object.hasOwn(own, key)));
      (LEVELS[level] >= LEVELS.warn ? err : out).write(toJsonLine({ ...own, ...kept }));
      const unsaid = clashing.filter((key) => !refused.has(key));
      for (const key of unsaid) refused.add(key);
      if (unsaid.length > 0)
        write('warn')("log fields named like the logger's own keys were dropped", { dropped: unsaid.join(', ') });
    };

  if (unknown !== undefined)
    write('warn')('LOG_LEVEL is not one of DEBUG, INFO, WARN, ERROR: logging at INFO', {
      setting: 'LOG_LEVEL',
      value: unknown,
    });
  return {
    logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
    begin(context, correlationId) {
      // One invocation at a time per container: the previous invocation's keys go.
      const coldStart = invocations++ === 0;
      invocationKeys = {
        ...(context ? contextKeys(context, coldStart, env) : {}),
        correlationId: correlationId ?? context?.awsRequestId,
      };
    },
  };
}

export type { LambdaLogger, LambdaLoggerOptions };
export { createLambdaLogger };
