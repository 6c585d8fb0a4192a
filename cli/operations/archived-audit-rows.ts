import type { ArchiveWindow } from '../../core/audit/read-archive';
import { buildArchiveDeps } from '../../core/compose/archive-deps';
import type { CommandContext } from '../context';
import { type AuditRow, archivedAuditRow } from '../render/audit';

/** `audit --from-archive`: the rows `audit` prints, read back from the Object Lock audit bucket instead of the ledger. */
async function archivedAuditRows(ctx: CommandContext, window: ArchiveWindow): Promise<AuditRow[]> {
  const { readArchive } = require('../../core/audit/read-archive') as typeof import('../../core/audit/read-archive');
  const { archive } = buildArchiveDeps({ settings: ctx.settings(), s3: ctx.clients().s3 });
  return (await readArchive(archive, window)).map(archivedAuditRow);
}

export { archivedAuditRows };
