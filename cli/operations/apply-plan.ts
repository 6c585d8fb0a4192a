import { maciePace } from '../../core/aws/rate-limiter';
import { InvalidInputError } from '../../core/errors';
import { mapConcurrent } from '../../core/quarantine/map-concurrent';
import type { CommandContext } from '../context';
import { selectByIds } from '../findings/select-findings';
import { openOperationEnv } from '../open-operation-env';
import { readPlan } from '../plan/plan-file';
import { runPlan } from '../plan/run-plan';
import { reasonOption } from '../reason-option';

interface ApplyOptions {
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly concurrency: number;
  readonly reason?: string;
}

/**
 * `apply plan.json`: carries out a plan file unchanged. Each object is looked at again first; one that
 * changed since the plan was made (ETag, size or version) is refused as STALE, the rest move exactly
 * as planned.
 */
async function applyPlan(ctx: CommandContext, file: string, options: ApplyOptions): Promise<number> {
  const plan = readPlan(ctx.io.cwd, file);
  const reason = options.dryRun ? options.reason : reasonOption(ctx, plan.kind, options.reason);
  const env = await openOperationEnv(ctx);
  if (plan.quarantineBucket !== env.quarantineBucket) {
    throw new InvalidInputError(
      'PLAN_INVALID',
      `plan ${file} was made for quarantine bucket ${plan.quarantineBucket}, but this stack's is ${env.quarantineBucket}`,
      { field: 'quarantineBucket' },
    );
  }
  const ids = plan.items.map((i) => i.findingId);
  // A restore's findings are its ledger records (for the account column); a remediation's, as `remediate` selects them.
  const selected =
    plan.kind === 'remediate'
      ? await selectByIds({ macie: ctx.clients().macie, ledger: env.deps.ledger, pace: maciePace() }, ids)
      : (await mapConcurrent(ids, 16, (id) => env.deps.ledger.get(id))).flatMap((record) =>
          record ? [{ id: record.findingId, record }] : [],
        );
  // What the plan skipped was reported when it was made; this run reports what it carries out.
  return runPlan(ctx, env, { ...plan, skipped: [] }, new Map(selected.map((s) => [s.id, s])), {
    dryRun: options.dryRun ?? false,
    yes: options.yes ?? false,
    force: plan.force,
    concurrency: options.concurrency,
    recheck: true,
    ...(reason ? { reason } : {}),
  });
}

export type { ApplyOptions };
export { applyPlan };
