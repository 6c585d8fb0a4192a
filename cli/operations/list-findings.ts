import { maciePace } from '../../core/aws/rate-limiter';
import { policyOf } from '../../core/compose/finding-deps';
import { ConfigError } from '../../core/errors';
import { decideFinding } from '../../core/remediation/decide-finding';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { NEWEST_FIRST } from '../findings/finding-criteria';
import { type FilterOptions, parseFindingFilters } from '../findings/finding-filters';
import { type SelectedFinding, selectByFilters } from '../findings/select-findings';
import { tryOpenLedger } from '../open-ledger';
import { type FindingRow, renderFindings } from '../render/findings';
import { renderStyles } from '../render/render-style';

interface ListFindingsOptions extends FilterOptions {
  readonly limit?: number;
}

/** `list findings`: Macie's findings, newest first, with the policy's decision and the ledger's state. */
async function listFindings(ctx: CommandContext, options: ListFindingsOptions): Promise<number> {
  const filters = parseFindingFilters(options, ctx.now());
  const ledger = tryOpenLedger(ctx);
  if (!ledger && filters.statuses.length > 0) {
    throw new ConfigError([
      '--status needs the ledger: deploy the stack, or use --ledger-table or MACIE_REMEDIATE_LEDGER_TABLE',
    ]);
  }
  // What `list findings` decides with, as the pipeline does.
  const deciding = { policy: policyOf(ctx.settings()), ownAccount: () => ctx.ownAccount() };
  const accountNames = new Map<string, string>();
  const toRow = async (s: SelectedFinding): Promise<FindingRow[]> => {
    const { finding } = s;
    if (!finding?.object) return [];
    if (s.record?.accountName) accountNames.set(finding.accountId, s.record.accountName);
    return [
      {
        id: s.id,
        type: finding.type,
        severity: finding.severity.description,
        bucket: finding.object.bucket,
        key: finding.object.key,
        account: finding.accountId,
        createdAt: finding.createdAt,
        decision: (await decideFinding(deciding, finding)).action,
        status: s.record?.state ?? null,
      },
    ];
  };
  const rows: FindingRow[] = [];
  const sources = { macie: ctx.clients().macie, ...(ledger ? { ledger } : {}), pace: maciePace() };
  const pages = selectByFilters(sources, filters, NEWEST_FIRST, {
    onUnreadable: (id, reason) => ctx.output.warn(`finding ${id} left out: ${reason}`),
  });
  for await (const page of pages) {
    for (const selected of page) rows.push(...(await toRow(selected)));
    if (options.limit !== undefined && rows.length >= options.limit) break;
  }
  const shown = options.limit === undefined ? rows : rows.slice(0, options.limit);
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(shown, () => renderFindings(shown, style, { ledger: ledger !== undefined, accountNames }));
  return EXIT.OK;
}

export type { ListFindingsOptions };
export { listFindings };
