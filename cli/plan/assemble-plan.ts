import { mapConcurrent } from '../../core/quarantine/map-concurrent';
import type { RemediationResult } from '../../core/types/outcome';
import type { OperationEnv } from './operation-env';

/** What planning one finding comes to: an item the run will carry out, or the outcome it reports instead. */
type PlanEntry<Item> = { readonly item: Item } | { readonly skipped: RemediationResult };

interface PlanAssemblyOptions {
  readonly force: boolean;
  /** Subjects planned in parallel. */
  readonly concurrency: number;
}

interface AssembledPlan<Kind extends string, Item> {
  version: 1;
  kind: Kind;
  createdAt: string;
  createdBy: string;
  quarantineBucket: string;
  force: boolean;
  items: Item[];
  skipped: RemediationResult[];
}

/**
 * Remediate and restore plans share their header and the split of planned entries into items and
 * skips; only how one subject is planned differs, so that is all each kind supplies.
 */
async function assemblePlan<Kind extends string, Subject, Item>(
  env: OperationEnv,
  kind: Kind,
  subjects: readonly Subject[],
  options: PlanAssemblyOptions,
  planOne: (subject: Subject) => Promise<PlanEntry<Item>>,
): Promise<AssembledPlan<Kind, Item>> {
  const entries = await mapConcurrent(subjects, options.concurrency, (s) => planOne(s));
  return {
    version: 1,
    kind,
    createdAt: env.deps.clock().toISOString(),
    createdBy: env.actor,
    quarantineBucket: env.quarantineBucket,
    force: options.force,
    items: entries.flatMap((e) => ('item' in e ? [e.item] : [])),
    skipped: entries.flatMap((e) => ('skipped' in e ? [e.skipped] : [])),
  };
}

export type { PlanEntry };
export { assemblePlan };
