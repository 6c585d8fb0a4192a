import type { LegalHoldKind } from '../../core/ledger/finding-state';
import { resultFromRecord } from '../../core/remediation/result-from-record';
import type { LedgerRecord } from '../../core/types/ledger';
import type { RemediationResult } from '../../core/types/outcome';
import type { CommandContext } from '../context';
import { exitCodeFor } from '../exit-codes';
import { checkFindingIds } from '../findings/finding-id-arguments';
import { recordsByIds } from '../findings/select-quarantined';
import { openOperationEnv } from '../open-operation-env';
import type { OperationEnv } from '../plan/operation-env';
import { reasonOption } from '../reason-option';
import { recordRowAccount } from '../render/account-cell';
import { renderStyles } from '../render/render-style';
import { runDocument } from '../render/run-document';
import { renderRunResults } from '../render/run-results';

interface LegalHoldOptions {
  readonly reason?: string;
}

/** One finding's job, run where its copy can be reached: the quarantine bucket admits only the remediator. */
async function legalHoldOne(
  env: OperationEnv,
  kind: LegalHoldKind,
  record: LedgerRecord,
  reason: string | undefined,
): Promise<RemediationResult> {
  const result = await env.deps.dispatcher.dispatch({
    kind,
    findingId: record.findingId,
    actor: env.actor,
    ...(reason ? { reason } : {}),
  });
  return result ?? { ...resultFromRecord(record), outcome: 'PLANNED', reason: 'sent to the remediator' };
}

/** `hold` / `release <finding-id...>`: a legal hold put on, or taken off, each finding's quarantined copy. */
async function legalHoldFindings(
  ctx: CommandContext,
  kind: LegalHoldKind,
  ids: readonly string[],
  options: LegalHoldOptions,
): Promise<number> {
  checkFindingIds(ids);
  const reason = reasonOption(ctx, kind, options.reason);
  const env = await openOperationEnv(ctx);
  const records = await recordsByIds(
    env.deps.ledger,
    ids,
    `only findings macie-remediate quarantined can be ${kind === 'hold' ? 'held' : 'released'}`,
  );
  const results: RemediationResult[] = [];
  // One at a time: a few S3 calls, two ledger writes and a Slack update each.
  for (const record of records) results.push(await legalHoldOne(env, kind, record, reason));
  const document = runDocument(results);
  const accounts = new Map(records.map((record) => [record.findingId, recordRowAccount(record)]));
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(document, () => renderRunResults(document, style, accounts, {}));
  return exitCodeFor(results);
}

export type { LegalHoldOptions };
export { legalHoldFindings };
