import { RemediateError } from '../errors';
import type { MoveStep } from '../types/quarantine';
import { classifyS3Error, describeS3Error, isS3Error, type S3ErrorKind } from './s3-errors';

/**
 * An S3 call failed at a step of a move or restore. Internal only: the engine catches it at its edge and
 * returns a FAILED result (or an expected outcome, for kinds such as `not-found`).
 */
class StepFailure extends Error {
  readonly step: MoveStep;
  readonly kind: S3ErrorKind;

  constructor(step: MoveStep, kind: S3ErrorKind, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StepFailure';
    this.step = step;
    this.kind = kind;
  }
}

/** Runs one S3 call; an S3 or network failure becomes a StepFailure naming the step and the call. */
async function attempt<T>(step: MoveStep, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!isS3Error(err)) throw err;
    throw new StepFailure(step, classifyS3Error(err), `${action} failed: ${describeS3Error(err)}`, err);
  }
}

const ARCHIVED_HINT = 'the object is archived: restore it from the archive, then run again';

/** The FAILED result for a step failure; anything else is a bug and is rethrown. */
function toFailure(err: unknown): { readonly outcome: 'FAILED'; readonly reason: string; readonly step: MoveStep } {
  if (!(err instanceof StepFailure)) throw err;
  const reason = err.kind === 'archived' ? `${ARCHIVED_HINT} (${err.message})` : err.message;
  return { outcome: 'FAILED', reason, step: err.step };
}

/** For the port's methods that have no FAILED outcome (locate, list): a system error with the S3 cause. */
function toSystemError(err: unknown): unknown {
  return err instanceof StepFailure ? new RemediateError('INTERNAL', err.message, { cause: err }) : err;
}

export { attempt, StepFailure, toFailure, toSystemError };
