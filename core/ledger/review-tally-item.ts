import * as z from 'zod/mini';
import type { ReviewTally } from '../types/ledger';
import '../zod-messages';

/**
 * A window's review tally lives in the ledger table under `reviews#<window>` (no `state`, so queries leave
 * it out), one counter attribute per group beside the total: every increment is one UpdateItem ADD, so
 * concurrent finding handlers count exactly.
 */
const TALLY_KEY_PREFIX = 'reviews#';
const TALLY_ITEM_TYPE = 'REVIEW_TALLY';
const GROUP_PREFIX = 'group#';

const tallyKey = (window: string): string => `${TALLY_KEY_PREFIX}${window}`;
const groupAttribute = (group: string): string => `${GROUP_PREFIX}${group}`;

const digestSchema = z.object({
  channel: z.string(),
  ts: z.optional(z.string()),
  postedAt: z.string(),
});

/** The stored item as a tally; an unreadable digest reads as none (the next review posts one again). */
function tallyFromItem(item: Readonly<Record<string, unknown>>): ReviewTally {
  const groups = Object.fromEntries(
    Object.entries(item)
      .filter(([name, value]) => name.startsWith(GROUP_PREFIX) && typeof value === 'number')
      .map(([name, value]) => [name.slice(GROUP_PREFIX.length), value as number]),
  );
  const digest = digestSchema.safeParse(item.digest);
  return {
    count: typeof item.count === 'number' ? item.count : 0,
    groups,
    ...(digest.success ? { digest: digest.data } : {}),
  };
}

export { groupAttribute, TALLY_ITEM_TYPE, TALLY_KEY_PREFIX, tallyFromItem, tallyKey };
