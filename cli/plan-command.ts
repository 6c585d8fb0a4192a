import { InvalidInputError } from '../core/errors';
import { type FilterOptions, type FindingFilters, hasSelection, parseFindingFilters } from './findings/finding-filters';
import { checkFindingIds } from './findings/finding-id-arguments';
import type { PlanRunOptions } from './plan/run-plan';

/** The flags `remediate` and `restore` share around their own selection and planning. */
interface PlanCommandOptions extends FilterOptions {
  readonly dryRun?: boolean;
  readonly plan?: string;
  readonly yes?: boolean;
  readonly concurrency: number;
  readonly force?: boolean;
  readonly reason?: string;
}

/** How a command words its filters in a usage error: the full list, and a few to suggest. */
interface SelectionWording {
  /** e.g. `--bucket, --type, --severity, --since, --until`. */
  readonly filters: string;
  /** e.g. `--bucket, --since`. */
  readonly examples: string;
}

/**
 * `remediate` and `restore` act on findings named by id or on what the filters select, never both and
 * never neither (a bulk command does not run on "everything" by accident). `--account` alone may go with
 * ids: it fences them (a named finding of another account is skipped).
 * @throws InvalidInputError `USAGE` when both or neither are given, an id is not one, or a filter's value is wrong.
 */
function parseSelection(
  ids: readonly string[],
  options: FilterOptions,
  wording: SelectionWording,
  now: Date,
): FindingFilters {
  checkFindingIds(ids);
  const filters = parseFindingFilters(options, now);
  if (ids.length > 0 && hasSelection({ ...filters, accounts: [] })) {
    throw new InvalidInputError('USAGE', `give finding ids or filters (${wording.filters}), not both`);
  }
  if (ids.length === 0 && !hasSelection(filters)) {
    throw new InvalidInputError(
      'USAGE',
      `which findings? Give finding ids, or filters such as ${wording.examples} (see --help)`,
    );
  }
  return filters;
}

/**
 * A freshly made plan runs as the flags say; only `apply` rechecks objects against an older plan. `reason`:
 * `--reason` as `reasonOption` let it through.
 */
function freshPlanRunOptions(options: PlanCommandOptions, reason: string | undefined): PlanRunOptions {
  return {
    ...(reason ? { reason } : {}),
    dryRun: options.dryRun ?? false,
    yes: options.yes ?? false,
    ...(options.plan ? { planFile: options.plan } : {}),
    force: options.force ?? false,
    concurrency: options.concurrency,
    recheck: false,
  };
}

export type { PlanCommandOptions };

/** `--dry-run` and `--plan` change nothing, so they need no reason: `apply` asks for it. */
const changesNothing = (options: PlanCommandOptions): boolean => options.dryRun === true || options.plan !== undefined;

export { changesNothing, freshPlanRunOptions, parseSelection };
