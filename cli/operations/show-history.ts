import { RemediateError } from '../../core/errors';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { checkFindingIds } from '../findings/finding-id-arguments';
import { openLedger } from '../open-ledger';
import { renderHistory } from '../render/history';
import { renderStyles } from '../render/render-style';

/** `history <finding-id>`: the ledger's record of one finding. */
async function showHistory(ctx: CommandContext, findingId: string): Promise<number> {
  checkFindingIds([findingId]);
  const record = await openLedger(ctx).get(findingId);
  if (!record) {
    throw new RemediateError('FINDING_NOT_FOUND', `finding ${findingId} is not in the ledger`, {
      source: 'user',
      context: { findingId },
    });
  }
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(record, () => renderHistory(record, style));
  return EXIT.OK;
}

export { showHistory };
