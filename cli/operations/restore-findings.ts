import { InvalidInputError } from '../../core/errors';
import type { CommandContext } from '../context';
import { type FilterOptions, hasSelection, parseFindingFilters } from '../findings/finding-filters';
import { buildRestorePlan } from '../plan/build-restore-plan';
import { runPlan } from '../plan/run-plan';
import { openOperationEnv } from './open-operation-env';
import { recordsByIds, selectQuarantined } from './select-quarantined';

interface RestoreOptions extends FilterOptions {
  readonly dryRun?: boolean;
  readonly plan?: string;
  readonly yes?: boolean;
  readonly concurrency: number;
  readonly force?: boolean;
}

/** `restore`: the inverse of `remediate`, for findings named by id or every quarantined one the filters select. */
async function restoreFindings(ctx: CommandContext, ids: readonly string[], options: RestoreOptions): Promise<number> {
  const filters = parseFindingFilters(options, new Date());
  if (ids.length > 0 && hasSelection(filters)) {
    throw new InvalidInputError(
      'USAGE',
      'give finding ids or filters (--bucket, --type, --severity, --since, --until), not both',
    );
  }
  if (ids.length === 0 && !hasSelection(filters)) {
    throw new InvalidInputError(
      'USAGE',
      'which findings? Give finding ids, or filters such as --bucket, --since (see --help)',
    );
  }
  const env = await openOperationEnv(ctx);
  const records =
    ids.length > 0 ? await recordsByIds(env.deps.ledger, ids) : await selectQuarantined(env.deps.ledger, filters);
  const plan = await buildRestorePlan(env, records, {
    force: options.force ?? false,
    concurrency: Math.max(options.concurrency, 8),
  });
  return runPlan(ctx, env, plan, new Map(), {
    dryRun: options.dryRun ?? false,
    yes: options.yes ?? false,
    ...(options.plan ? { planFile: options.plan } : {}),
    force: options.force ?? false,
    concurrency: options.concurrency,
    recheck: false,
  });
}

export type { RestoreOptions };
export { restoreFindings };
