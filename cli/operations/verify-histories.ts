import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { openLedger } from '../open-ledger';
import { type HistoryVerification, renderHistoryVerification } from '../render/history-verification';

/**
 * `audit --verify`: recomputes every finding's history chain from the ledger table. Exit 1 names each
 * finding whose history was altered, reordered or cut; histories recorded before the chain existed are
 * neither verified nor broken, and only counted on stderr.
 */
async function verifyHistories(ctx: CommandContext): Promise<number> {
  const broken: HistoryVerification['broken'][number][] = [];
  let verified = 0;
  let unchained = 0;
  for await (const verdict of openLedger(ctx).verifyHistories()) {
    if (verdict.status === 'broken') broken.push({ findingId: verdict.findingId, reason: verdict.reason });
    else if (verdict.status === 'intact') verified++;
    else unchained++;
  }
  broken.sort((a, b) => a.findingId.localeCompare(b.findingId));
  if (unchained > 0) {
    ctx.output.info(`${unchained} finding(s) recorded before histories were chained: nothing to verify there`);
  }
  const result: HistoryVerification = { verified, broken };
  ctx.output.result(result, () => renderHistoryVerification(result));
  return broken.length > 0 ? EXIT.FAILED : EXIT.OK;
}

export { verifyHistories };
