/**
 * One base error with a stable code. `source: 'user'` means the input was wrong (exit code 2,
 * HTTP 4xx, one line, no stack); `system` means something broke.
 */
type ErrorSource = 'user' | 'system';

type ErrorCode =
  | 'CONFIG_INVALID'
  | 'FINDING_INVALID'
  | 'EVENT_INVALID'
  | 'FINDING_NOT_FOUND'
  | 'USAGE'
  | 'PLAN_INVALID'
  | 'REQUEST_UNVERIFIED'
  | 'REQUEST_INVALID'
  | 'NOT_AUTHORIZED'
  | 'SLACK_FAILED'
  | 'SECURITY_HUB_FAILED'
  | 'MACIE_FAILED'
  | 'INTERNAL';

interface ErrorContext {
  readonly findingId?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly versionId?: string;
  readonly setting?: string;
  readonly field?: string;
}

const BRAND = Symbol.for('macie-remediate.error');

class RemediateError extends Error {
  readonly code: ErrorCode;
  readonly source: ErrorSource;
  readonly context: ErrorContext;
  readonly [BRAND] = true;

  constructor(
    code: ErrorCode,
    message: string,
    options: { source?: ErrorSource; cause?: unknown; context?: ErrorContext } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'RemediateError';
    this.code = code;
    this.source = options.source ?? 'system';
    this.context = options.context ?? {};
  }

  /** Works across duplicate module copies, where `instanceof` does not. */
  static is(err: unknown): err is RemediateError {
    return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  }

  static isUserError(err: unknown): err is RemediateError {
    return RemediateError.is(err) && err.source === 'user';
  }
}

/** A configuration problem: every problem found, listed at once. */
class ConfigError extends RemediateError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      source: 'user',
    });
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Bad input data (finding, event, plan file, request): names the field that is missing or wrong. */
class InvalidInputError extends RemediateError {
  constructor(
    code: 'FINDING_INVALID' | 'EVENT_INVALID' | 'PLAN_INVALID' | 'REQUEST_INVALID' | 'USAGE',
    message: string,
    context: ErrorContext = {},
  ) {
    super(code, message, { source: 'user', context });
    this.name = 'InvalidInputError';
  }
}

export type { ErrorCode, ErrorContext, ErrorSource };
export { ConfigError, InvalidInputError, RemediateError };
