import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/reply';

/** The Security Hub error codes the stand-in answers, with the HTTP status the service model gives each. */
const ERROR_STATUS = {
  InvalidInputException: 400,
  InvalidAccessException: 401,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  LimitExceededException: 429,
  InternalException: 500,
} as const;

type SecurityHubErrorType = keyof typeof ERROR_STATUS;

/** An error answered as Security Hub does (restJson1: `x-amzn-ErrorType` plus `{"Code", "Message"}`). */
class SecurityHubApiError extends Error {
  constructor(
    readonly errorType: SecurityHubErrorType,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }

  get status(): number {
    return ERROR_STATUS[this.errorType];
  }
}

function sendSecurityHubError(res: ServerResponse, err: SecurityHubApiError, requestId: string): void {
  sendJson(
    res,
    err.status,
    { Code: err.errorType, Message: err.message },
    { 'x-amzn-errortype': err.errorType, 'x-amzn-requestid': requestId },
  );
}

export type { SecurityHubErrorType };
export { SecurityHubApiError, sendSecurityHubError };
