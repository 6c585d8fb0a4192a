import type { FindingStore } from './FindingStore';
import { MacieApiError } from './macie-errors';
import { getFindingsInput, parseInput } from './macie-inputs';
import { sortFindings } from './sort-findings';
import type { MacieFindingJson } from './types';

const MAX_IDS = 50;

/**
 * GetFindings: up to 50 ids. Unknown ids are left out of the result rather than failing the call (the API has
 * no "unprocessed" list, and the id of a finding that expired after 90 days just stops resolving).
 * Without sortCriteria the findings come back in the order asked for.
 */
function getFindings(store: FindingStore, body: unknown): { findings: MacieFindingJson[] } {
  const input = parseInput(getFindingsInput, body);
  if (input.findingIds.length > MAX_IDS) {
    throw new MacieApiError(
      'ValidationException',
      `findingIds must contain at most ${MAX_IDS} items; got ${input.findingIds.length}.`,
    );
  }
  const found = [...new Set(input.findingIds)]
    .map((id) => store.get(id))
    .filter((finding): finding is MacieFindingJson => finding !== undefined);
  return { findings: sortFindings(found, input.sortCriteria) };
}

export { getFindings };
