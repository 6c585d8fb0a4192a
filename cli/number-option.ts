import { InvalidArgumentError } from 'commander';
import { parseRemediationAction } from '../core/policy/remediation-action';
import type { RemediationAction } from '../core/types/policy';

/** A commander argument parser for counts (`--concurrency 8`): commander names the flag when it throws. */
function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return n;
}

/** A commander argument parser for rates (`--macie-rate 2.5`). */
function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0.');
  return n;
}

/** A commander argument parser for `--action QUARANTINE|SEAL|TAG` (any case); `--help` loads no settings for it. */
function remediationAction(value: string): RemediationAction {
  const action = parseRemediationAction(value);
  if (!action) throw new InvalidArgumentError('must be QUARANTINE, SEAL or TAG.');
  return action;
}

export { positiveInteger, positiveNumber, remediationAction };
