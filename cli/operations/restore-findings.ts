import type { CommandContext } from '../context';
import { recordsByIds, selectQuarantined } from '../findings/select-quarantined';
import { openOperationEnv } from '../open-operation-env';
import { buildRestorePlan } from '../plan/build-restore-plan';
import { runPlan } from '../plan/run-plan';
import { changesNothing, freshPlanRunOptions, type PlanCommandOptions, parseSelection } from '../plan-command';
import { reasonOption } from '../reason-option';

type RestoreOptions = PlanCommandOptions;

/** `restore`: the inverse of `remediate`, for findings named by id or every quarantined one the filters select. */
async function restoreFindings(ctx: CommandContext, ids: readonly string[], options: RestoreOptions): Promise<number> {
  const filters = parseSelection(
    ids,
    options,
    {
      filters: '--bucket, --type, --severity, --since, --until',
      examples: '--bucket, --account, --since',
    },
    ctx.now(),
  );
  const reason = changesNothing(options) ? options.reason : reasonOption(ctx, 'restore', options.reason);
  const env = await openOperationEnv(ctx);
  const records =
    ids.length > 0 ? await recordsByIds(env.deps.ledger, ids) : await selectQuarantined(env.deps.ledger, filters);
  const plan = await buildRestorePlan(env, records, {
    force: options.force ?? false,
    concurrency: Math.max(options.concurrency, 8),
    accounts: filters.accounts,
  });
  const findings = new Map(records.map((record) => [record.findingId, { id: record.findingId, record }]));
  return runPlan(ctx, env, plan, findings, freshPlanRunOptions(options, reason));
}

export type { RestoreOptions };
export { restoreFindings };
