import * as z from 'zod/mini';
import type { RestoredObject } from '../types/ledger';
import '../zod-messages';

/**
 * A person's last restore of an object, kept in the ledger table under `restored#<location>` (no `state`,
 * so queries leave it out, like object claims): the one read receiveFinding makes to tell a re-scan of
 * restored bytes from a new decision.
 */
const RESTORE_KEY_PREFIX = 'restored#';
const RESTORE_ITEM_TYPE = 'OBJECT_RESTORE';

const restoreKey = (location: string): string => `${RESTORE_KEY_PREFIX}${location}`;

const restoreSchema = z.object({
  location: z.string(),
  eTag: z.string(),
  findingId: z.string(),
  actor: z.string(),
  restoredAt: z.string(),
});

/** The stored item; its own `findingId` attribute is the table key, so the restore's finding is `restoredFindingId`. */
function itemFromRestore(restore: RestoredObject, schemaVersion: number): Record<string, unknown> {
  const { findingId, ...rest } = restore;
  return {
    findingId: restoreKey(restore.location),
    itemType: RESTORE_ITEM_TYPE,
    restoredFindingId: findingId,
    ...rest,
    schemaVersion,
  };
}

/** An unreadable item protects nothing: the finding is decided as if no restore was known. */
function restoreFromItem(item: Readonly<Record<string, unknown>>): RestoredObject | undefined {
  const parsed = restoreSchema.safeParse({ ...item, findingId: item.restoredFindingId });
  return parsed.success ? parsed.data : undefined;
}

export { itemFromRestore, RESTORE_ITEM_TYPE, RESTORE_KEY_PREFIX, restoreFromItem, restoreKey };
