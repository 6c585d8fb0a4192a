import { remediationOf } from '../../core/remediation/remediation-actions';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { type FilterOptions, parseFindingFilters } from '../findings/finding-filters';
import { quarantinedEvent, selectQuarantined } from '../findings/select-quarantined';
import { openLedger } from '../open-ledger';
import { recordRowAccount } from '../render/account-cell';
import { type QuarantinedRow, renderQuarantined } from '../render/quarantined';
import { renderStyles } from '../render/render-style';

/** `list quarantined`: from the ledger, since the CLI user may not be allowed to list the quarantine bucket. */
async function listQuarantined(ctx: CommandContext, options: FilterOptions): Promise<number> {
  const filters = parseFindingFilters(options, ctx.now());
  const records = await selectQuarantined(openLedger(ctx), filters);
  const rows = records.map((record): QuarantinedRow => {
    const event = quarantinedEvent(record);
    const { bucket, key, versionId } = record.source;
    return {
      findingId: record.findingId,
      source: { bucket, key, ...(versionId ? { versionId } : {}) },
      quarantine: record.quarantine ?? null,
      action: remediationOf(record),
      quarantinedAt: event?.at ?? record.updatedAt,
      actor: event?.actor ?? 'unknown',
      ...(record.restoreApproval ? { restoreApproval: record.restoreApproval } : {}),
      ...(record.legalHold ? { legalHold: record.legalHold } : {}),
    };
  });
  const accounts = new Map(records.map((r) => [r.findingId, recordRowAccount(r)]));
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(rows, () => renderQuarantined(rows, style, accounts));
  return EXIT.OK;
}

export { listQuarantined };
