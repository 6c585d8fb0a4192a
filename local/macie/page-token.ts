import { MacieApiError } from './macie-errors';

/** Where a page continues: a snapshot of a query result and an offset into it. */
interface PagePosition {
  readonly snapshot: number;
  readonly offset: number;
}

/** Opaque to clients, like Macie's own base64 tokens. */
function encodePageToken(position: PagePosition): string {
  return Buffer.from(JSON.stringify({ s: position.snapshot, o: position.offset })).toString('base64');
}

function decodePageToken(token: string): PagePosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const { s, o } = parsed as { s?: unknown; o?: unknown };
    if (Number.isInteger(s) && Number.isInteger(o) && (o as number) >= 0) {
      return { snapshot: s as number, offset: o as number };
    }
  } catch {
    // falls through to the validation error
  }
  throw new MacieApiError('ValidationException', 'The nextToken is invalid.');
}

export type { PagePosition };
export { decodePageToken, encodePageToken };
