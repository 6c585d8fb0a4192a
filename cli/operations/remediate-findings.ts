import { maciePace } from '../../core/aws/rate-limiter';
import type { RemediationAction } from '../../core/types/policy';
import type { CommandContext } from '../context';
import { OLDEST_FIRST } from '../findings/finding-criteria';
import type { FindingFilters } from '../findings/finding-filters';
import { type SelectedFinding, type SelectionSources, selectByFilters, selectByIds } from '../findings/select-findings';
import { openOperationEnv } from '../open-operation-env';
import { buildRemediationPlan } from '../plan/build-remediation-plan';
import { runPlan } from '../plan/run-plan';
import { changesNothing, freshPlanRunOptions, type PlanCommandOptions, parseSelection } from '../plan-command';
import { reasonOption } from '../reason-option';

interface RemediateOptions extends PlanCommandOptions {
  readonly includeIgnored?: boolean;
  /** `--action`: every item remediated so, whatever the policy's remediationActions say. */
  readonly action?: RemediationAction;
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
  const filters = parseSelection(
    ids,
    options,
    {
      filters: '--type, --severity, --bucket, --since, --until, --status',
      examples: '--bucket, --account, --type, --severity, --since',
    },
    ctx.now(),
  );
  const reason = changesNothing(options) ? options.reason : reasonOption(ctx, 'remediate', options.reason);
  // The workflows' dependencies (the Slack secret's read, the engine's modules) are made while Macie answers the
  // selection, and our own account is asked meanwhile for the plan's policy decisions. A configuration error is
  // still the one reported: the selection's first ledger read waits for them, and its own failure gives way.
  const opening = openOperationEnv(ctx);
  opening.catch(() => {});
  ctx.ownAccount().catch(() => {});
  const ledger = { getMany: async (ids: readonly string[]) => (await opening).deps.ledger.getMany(ids) };
  let selected: SelectedFinding[];
  try {
    selected = await select(ctx, { macie: ctx.clients().macie, ledger, pace: maciePace() }, ids, filters);
  } catch (err) {
    await opening;
    throw err;
  }
  const env = await opening;
  // Nobody reads a `--yes` plan before it runs: it does not look at the objects, each move does (once it holds
  // the finding) and refuses a changed or missing one as a Remediate click does.
  const look = !options.yes || changesNothing(options);
  const plan = await buildRemediationPlan(env, selected, {
    look,
    force: options.force ?? false,
    // Naming a finding is a decision in itself; a filter leaves out what the policy ignores unless asked.
    includeIgnored: ids.length > 0 || (options.includeIgnored ?? false),
    concurrency: Math.max(options.concurrency, 8),
    accounts: filters.accounts,
    ...(options.action ? { action: options.action } : {}),
  });
  return runPlan(ctx, env, plan, new Map(selected.map((s) => [s.id, s])), {
    ...freshPlanRunOptions(options, reason),
    asScanned: !look,
  });
}

/** The findings named by id, or every page the filters select. */
async function select(
  ctx: CommandContext,
  sources: SelectionSources,
  ids: readonly string[],
  filters: FindingFilters,
): Promise<SelectedFinding[]> {
  if (ids.length > 0) return selectByIds(sources, ids);
  const selected: SelectedFinding[] = [];
  const pages = selectByFilters(sources, filters, OLDEST_FIRST, {
    onUnreadable: (id, reason) => ctx.output.warn(`finding ${id} left out: ${reason}`),
    readAhead: true,
  });
  for await (const page of pages) selected.push(...page);
  return selected;
}

export type { RemediateOptions };
export { remediateFindings };
