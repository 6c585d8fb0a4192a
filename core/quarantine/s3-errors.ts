/** What an S3 failure means to the engine. */
type S3ErrorKind =
  | 'not-found'
  | 'no-bucket'
  | 'precondition'
  | 'conflict'
  | 'access-denied'
  | 'archived'
  | 'unsupported'
  | 'other';

interface S3ErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata: { readonly httpStatusCode?: number };
}

/**
 * The SDK attaches `$metadata` to every failure of a call, service errors and network errors alike;
 * anything without it (a TypeError in our own code) is a bug and must not be turned into an outcome.
 */
function isS3Error(err: unknown): err is S3ErrorShape {
  return typeof err === 'object' && err !== null && typeof (err as { $metadata?: unknown }).$metadata === 'object';
}

const KIND_BY_NAME: Readonly<Record<string, S3ErrorKind>> = {
  NoSuchKey: 'not-found',
  NotFound: 'not-found',
  NoSuchVersion: 'not-found',
  NoSuchBucket: 'no-bucket',
  PreconditionFailed: 'precondition',
  ConditionalRequestConflict: 'conflict',
  AccessDenied: 'access-denied',
  Forbidden: 'access-denied',
  InvalidObjectState: 'archived',
  ObjectNotInActiveTierError: 'archived',
  NotImplemented: 'unsupported',
  MethodNotAllowed: 'unsupported',
};

const KIND_BY_STATUS: Readonly<Record<number, S3ErrorKind>> = {
  403: 'access-denied',
  404: 'not-found',
  405: 'unsupported',
  409: 'conflict',
  412: 'precondition',
  501: 'unsupported',
};

function classifyS3Error(err: S3ErrorShape): S3ErrorKind {
  const byName = err.name === undefined ? undefined : KIND_BY_NAME[err.name];
  const status = err.$metadata.httpStatusCode;
  return byName ?? (status === undefined ? undefined : KIND_BY_STATUS[status]) ?? 'other';
}

/** `AccessDenied (HTTP 403): Access Denied`: the code and the store's own words, for a FAILED reason. */
function describeS3Error(err: S3ErrorShape): string {
  const status = err.$metadata.httpStatusCode;
  const name = err.code ?? err.name ?? 'Error';
  const message = err.message && err.message !== name && err.message !== 'UnknownError' ? `: ${err.message}` : '';
  return `${name}${status === undefined ? '' : ` (HTTP ${status})`}${message}`;
}

export type { S3ErrorKind, S3ErrorShape };
export { classifyS3Error, describeS3Error, isS3Error };
