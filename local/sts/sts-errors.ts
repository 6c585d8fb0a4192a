/** The STS error codes the stand-in answers, with the HTTP status STS gives each. */
const ERROR_STATUS = {
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  ExpiredToken: 403,
  AccessDenied: 403,
  ValidationError: 400,
  InvalidAction: 400,
} as const;

type StsErrorCode = keyof typeof ERROR_STATUS;

/** A refusal the stand-in answers as STS does: an ErrorResponse document with this code and message. */
class StsApiError extends Error {
  constructor(
    readonly code: StsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** STS's wording for a parameter that breaks the API's constraints. */
const validationError = (value: string | null, field: string, constraint: string): StsApiError =>
  new StsApiError(
    'ValidationError',
    `1 validation error detected: Value ${value === null ? 'null' : `'${value}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
  );

export type { StsErrorCode };
export { StsApiError, validationError };
