/**
 * Macie's finding ids are 32 lower-case hex characters; the stand-ins and older records use short names
 * (`f-1`, `gone`). Anything else (empty, over 128 characters, spaces, control characters, slashes) is
 * not an id: refused before it reaches the ledger, where DynamoDB would answer with a raw error.
 */
const FINDING_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const MAX_FINDING_ID_LENGTH = 128;
/** How much of a refused id a message quotes: enough to recognise it, never 2 KB of it. */
const QUOTED = 40;

const quoted = (id: string): string => JSON.stringify(id.length > QUOTED ? `${id.slice(0, QUOTED)}…` : id);

/** Why `id` cannot be a finding id, or undefined when it can. */
function findingIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'finding id is empty';
  if (id.length > MAX_FINDING_ID_LENGTH) {
    return `finding id ${quoted(id)} is ${id.length} characters long (at most ${MAX_FINDING_ID_LENGTH})`;
  }
  if (!FINDING_ID.test(id)) {
    return `finding id ${quoted(id)} is not a finding id (letters, digits, '.', '_', ':' and '-' only)`;
  }
  return undefined;
}

export { findingIdProblem, MAX_FINDING_ID_LENGTH };
