import type { ArchiveVerdict } from '../../core/types/audit';
import type { HistoryVerdict } from '../../core/types/ledger';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { openLedger } from '../open-ledger';
import { type HistoryVerification, renderHistoryVerification } from '../render/history-verification';

/**
 * `audit --verify`: recomputes every finding's history chain from the ledger table. Exit 1 names each
 * finding whose history was altered, reordered or cut; histories recorded before the chain existed are
 * neither verified nor broken, and only counted on stderr.
 */
function verifyHistories(ctx: CommandContext): Promise<number> {
  return report(
    ctx,
    openLedger(ctx).verifyHistories(),
    'recorded before histories were chained: nothing to verify there',
  );
}

/**
 * `audit --verify --from-archive`: compares every finding's stored history with the Object Lock audit archive
 * (core/audit/compare-archive), which catches a history rewritten with its hashes recomputed. Findings with
 * nothing archived and nothing old enough to be are only counted on stderr.
 */
async function verifyAgainstArchive(ctx: CommandContext): Promise<number> {
  const { buildArchiveDeps } =
    require('../../core/compose/archive-deps') as typeof import('../../core/compose/archive-deps');
  const { readArchive } = require('../../core/audit/read-archive') as typeof import('../../core/audit/read-archive');
  const { ARCHIVE_LAG_MS, compareWithArchive } =
    require('../../core/audit/compare-archive') as typeof import('../../core/audit/compare-archive');
  const { archive } = buildArchiveDeps({ settings: ctx.settings(), s3: ctx.clients().s3 });
  const archived = await readArchive(archive, {});
  const verdicts = compareWithArchive(openLedger(ctx).storedHistories(), archived, ctx.now());
  const lag = ARCHIVE_LAG_MS / 60_000;
  return report(ctx, verdicts, `with no event archived, nor one older than ${lag} minutes: nothing to compare`);
}

async function report(
  ctx: CommandContext,
  verdicts: AsyncIterable<HistoryVerdict | ArchiveVerdict>,
  skipped: string,
): Promise<number> {
  const broken: HistoryVerification['broken'][number][] = [];
  let verified = 0;
  let unverified = 0;
  for await (const verdict of verdicts) {
    if (verdict.status === 'broken') broken.push({ findingId: verdict.findingId, reason: verdict.reason });
    else if (verdict.status === 'intact') verified++;
    else unverified++;
  }
  broken.sort((a, b) => a.findingId.localeCompare(b.findingId));
  if (unverified > 0) ctx.output.info(`${unverified} finding(s) ${skipped}`);
  const result: HistoryVerification = { verified, broken };
  ctx.output.result(result, () => renderHistoryVerification(result));
  return broken.length > 0 ? EXIT.FAILED : EXIT.OK;
}

export { verifyAgainstArchive, verifyHistories };
