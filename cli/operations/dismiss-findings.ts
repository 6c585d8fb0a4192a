import { requestAction } from '../../core/remediation/request-action';
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

interface DismissOptions {
  readonly reason?: string;
}

/**
 * One finding through the Slack Dismiss's own path (requestAction): the ledger records DISMISSED, the
 * review message and Security Hub say so. A finding already dismissed stays DISMISSED; one in another
 * state is FAILED with the state it is in, and nothing changes.
 */
async function dismissOne(env: OperationEnv, record: LedgerRecord, reason?: string): Promise<RemediationResult> {
  const requested = await requestAction(
    env.deps,
    { action: 'dismiss', findingId: record.findingId, actor: env.actor, ...(reason ? { reason } : {}) },
    record,
  );
  const latest = requested.record ?? record;
  if (requested.accepted) return resultFromRecord(latest);
  const outcome = latest.state === 'DISMISSED' ? 'DISMISSED' : 'FAILED';
  return { ...resultFromRecord(latest), outcome, reason: `not dismissed: ${requested.reason}` };
}

/** `dismiss <finding-id...>`: findings awaiting review, left where they are, each with who and why. */
async function dismissFindings(ctx: CommandContext, ids: readonly string[], options: DismissOptions): Promise<number> {
  checkFindingIds(ids);
  const reason = reasonOption(ctx, 'dismiss', options.reason);
  const env = await openOperationEnv(ctx);
  const records = await recordsByIds(env.deps.ledger, ids, 'only findings macie-remediate recorded can be dismissed');
  const results: RemediationResult[] = [];
  // One at a time: each is a few ledger writes and a Slack update, and Slack paces updates anyway.
  for (const record of records) results.push(await dismissOne(env, record, reason));
  const document = runDocument(results);
  const accounts = new Map(records.map((record) => [record.findingId, recordRowAccount(record)]));
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(document, () => renderRunResults(document, style, accounts, {}));
  return exitCodeFor(results);
}

export type { DismissOptions };
export { dismissFindings };
