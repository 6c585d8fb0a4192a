import { InvalidInputError } from '../../core/errors';
import { findingIdProblem } from '../../core/finding/finding-id';

/**
 * Finding ids typed on the command line, held to the rule a Slack button's value is held to, before any
 * ledger or Macie read (DynamoDB answers an empty or 2 KB key with a raw ValidationException).
 * @throws InvalidInputError `USAGE` naming the first id that is not one.
 */
function checkFindingIds(ids: readonly string[]): void {
  for (const id of ids) {
    const problem = findingIdProblem(id);
    if (problem) throw new InvalidInputError('USAGE', problem);
  }
}

export { checkFindingIds };
