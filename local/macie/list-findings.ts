import type { FindingStore } from './FindingStore';
import { MacieApiError } from './macie-errors';
import { listFindingsInput, parseInput } from './macie-inputs';
import { decodePageToken, encodePageToken } from './page-token';

interface ListFindingsOutput {
  readonly findingIds: readonly string[];
  readonly nextToken: string | null;
}

/**
 * ListFindings: filters and sorts once per query, then pages the snapshot. A nextToken pages the snapshot it was
 * issued for, even if findings were added since.
 */
function listFindings(store: FindingStore, body: unknown, maxPageSize: number): ListFindingsOutput {
  const input = parseInput(listFindingsInput, body);
  const size = input.maxResults ?? maxPageSize;
  if (size < 1 || size > maxPageSize) {
    throw new MacieApiError('ValidationException', `maxResults must be between 1 and ${maxPageSize}; got ${size}.`);
  }
  const position = input.nextToken ? decodePageToken(input.nextToken) : undefined;
  const snapshot = position
    ? store.snapshot(position.snapshot)
    : store.query(input.findingCriteria, input.sortCriteria);
  if (!snapshot) throw new MacieApiError('ValidationException', 'The nextToken has expired.');
  const offset = position?.offset ?? 0;
  const end = offset + size;
  return {
    findingIds: snapshot.ids.slice(offset, end),
    nextToken: end < snapshot.ids.length ? encodePageToken({ snapshot: snapshot.id, offset: end }) : null,
  };
}

export { listFindings };
