import { InvalidInputError } from '../../core/errors';
import type { CommandContext } from '../context';
import { OLDEST_FIRST } from '../findings/finding-criteria';
import { type FilterOptions, hasSelection, parseFindingFilters } from '../findings/finding-filters';
import { maciePace } from '../findings/rate-limiter';
import { type SelectedFinding, selectByFilters, selectByIds } from '../findings/select-findings';
import { buildRemediationPlan } from '../plan/build-remediation-plan';
import { runPlan } from '../plan/run-plan';
import { openOperationEnv } from './open-operation-env';

interface RemediateOptions extends FilterOptions {
  readonly dryRun?: boolean;
  readonly plan?: string;
  readonly yes?: boolean;
  readonly concurrency: number;
  readonly force?: boolean;
  readonly includeIgnored?: boolean;
}

/**
 * `remediate`: the findings named by id (the ledger's record, else Macie's), or every finding the
 * filters select; planned, confirmed and carried out by the same workflows as a Slack click.
 */
async function remediateFindings(
  ctx: CommandContext,
  ids: readonly string[],
  options: RemediateOptions,
): Promise<number> {
  const filters = parseFindingFilters(options, new Date());
  if (ids.length > 0 && hasSelection(filters)) {
    throw new InvalidInputError(
      'USAGE',
      'give finding ids or filters (--type, --severity, --bucket, --since, --until, --status), not both',
    );
  }
  if (ids.length === 0 && !hasSelection(filters)) {
    throw new InvalidInputError(
      'USAGE',
      'which findings? Give finding ids, or filters such as --bucket, --type, --severity, --since (see --help)',
    );
  }
  const env = await openOperationEnv(ctx);
  const sources = { macie: ctx.clients().macie, ledger: env.deps.ledger, pace: maciePace() };
  let selected: SelectedFinding[] = [];
  if (ids.length > 0) selected = await selectByIds(sources, ids);
  else {
    const pages = selectByFilters(sources, filters, OLDEST_FIRST, (id, reason) =>
      ctx.output.warn(`finding ${id} left out: ${reason}`),
    );
    for await (const page of pages) selected.push(...page);
  }
  const plan = await buildRemediationPlan(env, selected, {
    force: options.force ?? false,
    // Naming a finding is a decision in itself; a filter leaves out what the policy ignores unless asked.
    includeIgnored: ids.length > 0 || (options.includeIgnored ?? false),
    concurrency: Math.max(options.concurrency, 8),
  });
  return runPlan(ctx, env, plan, new Map(selected.map((s) => [s.id, s])), {
    dryRun: options.dryRun ?? false,
    yes: options.yes ?? false,
    ...(options.plan ? { planFile: options.plan } : {}),
    force: options.force ?? false,
    concurrency: options.concurrency,
    recheck: false,
  });
}

export type { RemediateOptions };
export { remediateFindings };
