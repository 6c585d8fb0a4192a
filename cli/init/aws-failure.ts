import { RemediateError } from '../../core/errors';

/** The SDK's name for "no credentials found anywhere in the chain". */
const NO_CREDENTIALS = 'CredentialsProviderError';

/**
 * An AWS SDK failure in words. Missing credentials are the user's to fix (exit code 2); anything else names
 * the error and its message (AWS error messages hold names and ARNs, not secret values).
 */
function awsFailure(what: string, err: unknown): RemediateError {
  const name = err instanceof Error ? err.name : 'unknown error';
  if (name === NO_CREDENTIALS)
    return new RemediateError('CONFIG_INVALID', `${what}: no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID)`, {
      source: 'user',
      cause: err,
    });
  const message = err instanceof Error ? err.message : String(err);
  return new RemediateError('INTERNAL', `${what}: ${name}: ${message}`, { cause: err });
}

/** Whether an SDK error says the resource is not there (CloudFormation answers ValidationError "does not exist"). */
const isMissing = (err: unknown): boolean =>
  err instanceof Error &&
  (err.name === 'ResourceNotFoundException' || (err.name === 'ValidationError' && /does not exist/.test(err.message)));

export { awsFailure, isMissing, NO_CREDENTIALS };
