import type { RestoredObject } from '../../types/ledger';
import { plainActor, plainTime } from './text';

/**
 * Why a re-scan of restored bytes is left alone, in the words the ledger's history, the CLI and the
 * finding handler's result keep: `restored by @U0APPROVER on 2026-11-27 12:00 UTC`. Nothing is posted
 * to Slack for it: the restore's own message already says who put the object back.
 */
function buildRestoredRescanReason(restore: Pick<RestoredObject, 'actor' | 'restoredAt' | 'findingId'>): string {
  return (
    `restored by ${plainActor(restore.actor)} on ${plainTime(restore.restoredAt)} ` +
    `(finding ${restore.findingId}); the object is unchanged since`
  );
}

export { buildRestoredRescanReason };
