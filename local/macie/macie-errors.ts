import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/reply';

/** The Macie2 error codes and the HTTP status the service model gives each. */
const ERROR_STATUS = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ConflictException: 409,
  UnprocessableEntityException: 422,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

type MacieErrorType = keyof typeof ERROR_STATUS;

/** An error the stand-in answers the way Macie does (restJson1: `x-amzn-ErrorType` + `{"message"}`). */
class MacieApiError extends Error {
  constructor(
    readonly errorType: MacieErrorType,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }

  get status(): number {
    return ERROR_STATUS[this.errorType];
  }
}

function sendMacieError(res: ServerResponse, err: MacieApiError, requestId: string): void {
  sendJson(
    res,
    err.status,
    { message: err.message },
    { 'x-amzn-errortype': err.errorType, 'x-amzn-requestid': requestId },
  );
}

export type { MacieErrorType };
export { MacieApiError, sendMacieError };
