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

interface FindingJobOptions {
  readonly reason?: string;
}

/** The jobs a command sends per finding id, moving nothing: a legal hold on or off, an exemption. */
type FindingJobKind = LegalHoldKind | 'exempt';

/** What a finding must be for each: named when an id is not in the ledger. */
const NEEDS: Readonly<Record<FindingJobKind, string>> = {
  hold: 'only findings macie-remediate quarantined can be held',
  release: 'only findings macie-remediate quarantined can be released',
  exempt: 'only findings macie-remediate recorded can be exempted',
};

/**
 * One finding's job, run by the remediator: the quarantine bucket admits only it, and it holds the S3 access
 * that tags a source object.
 */
async function findingJob(
  env: OperationEnv,
  kind: FindingJobKind,
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

/**
 * `hold` / `release <finding-id...>`: a legal hold put on, or taken off, each finding's quarantined copy;
 * `exempt <finding-id...>`: each finding's object tagged exempt and the finding dismissed.
 */
async function runFindingJobs(
  ctx: CommandContext,
  kind: FindingJobKind,
  ids: readonly string[],
  options: FindingJobOptions,
): Promise<number> {
  checkFindingIds(ids);
  const reason = reasonOption(ctx, kind, options.reason);
  const env = await openOperationEnv(ctx);
  const records = await recordsByIds(env.deps.ledger, ids, NEEDS[kind]);
  const results: RemediationResult[] = [];
  // One at a time: a few S3 calls, two ledger writes and a Slack update each.
  for (const record of records) results.push(await findingJob(env, kind, record, reason));
  const document = runDocument(results);
  const accounts = new Map(records.map((record) => [record.findingId, recordRowAccount(record)]));
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(document, () => renderRunResults(document, style, accounts, {}));
  return exitCodeFor(results);
}

export type { FindingJobKind, FindingJobOptions };
export { runFindingJobs };
