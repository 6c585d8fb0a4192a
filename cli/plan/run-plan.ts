import { InvalidInputError } from '../../core/errors';
import { ACTION_DONE, ACTION_TO_DO, DEFAULT_REMEDIATION } from '../../core/policy/remediation-action';
import type { RemediationResult } from '../../core/types/outcome';
import { startProgress } from '../bulk/progress';
import { watchInterrupt } from '../bulk/watch-interrupt';
import type { CommandContext } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import type { SelectedFinding } from '../findings/select-findings';
import { selectedRowAccount } from '../render/account-cell';
import { renderPlan } from '../render/plan';
import { renderStyles } from '../render/render-style';
import { runDocument } from '../render/run-document';
import { renderRunResults } from '../render/run-results';
import { confirm } from '../terminal-prompts';
import { executePlan } from './execute-plan';
import type { OperationEnv } from './operation-env';
import { writePlan } from './plan-file';
import type { Plan } from './plan-schema';

interface PlanRunOptions {
  readonly dryRun: boolean;
  readonly yes: boolean;
  /** Write the plan here and stop (`--plan`). */
  readonly planFile?: string;
  readonly force: boolean;
  readonly concurrency: number;
  /** Refuse items that changed since the plan was made (`apply`). */
  readonly recheck: boolean;
  /** The plan did not look at the objects (`remediate --yes`): its sizes are the scan's, each move looks for itself. */
  readonly asScanned?: boolean;
  /** The asker's reason, carried by every job (checked against `reasonRequired` by the command). */
  readonly reason?: string;
}

/** Each item as a dry run reports it: PLANNED, with where it would go. */
function plannedResults(plan: Plan): RemediationResult[] {
  if (plan.kind === 'restore') {
    return plan.items.map((i) => {
      const action = i.action ?? DEFAULT_REMEDIATION;
      return {
        findingId: i.findingId,
        outcome: 'PLANNED',
        source: i.target,
        ...(action === 'QUARANTINE' ? { quarantine: i.object } : {}),
        action,
        reason: 'would be restored',
      };
    });
  }
  return plan.items.map((i) => {
    const action = i.action ?? DEFAULT_REMEDIATION;
    return {
      findingId: i.findingId,
      outcome: 'PLANNED',
      source: {
        bucket: i.object.bucket,
        key: i.object.key,
        ...(i.object.versionId ? { versionId: i.object.versionId } : {}),
      },
      ...(action === 'QUARANTINE' ? { quarantine: i.target } : {}),
      action,
      reason: `would be ${ACTION_DONE[action]} (${i.object.size} bytes, ETag ${i.object.eTag})`,
    };
  });
}

/** What the run does, in a verb: the one action its items share ("seal in place"), else "remediate". */
function verbOf(plan: Plan): string {
  if (plan.kind === 'restore') return 'restore';
  const actions = new Set(plan.items.map((item) => item.action ?? DEFAULT_REMEDIATION));
  const [only] = actions;
  return actions.size > 1 || !only
    ? actions.size > 1
      ? 'remediate'
      : ACTION_TO_DO[DEFAULT_REMEDIATION]
    : ACTION_TO_DO[only];
}

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The shared end of `remediate`, `restore` and `apply` (`findings`: what the run is about, by id; a
 * restore's are its ledger records): write the plan, or show it as a dry run, or
 * show it, confirm on a terminal (`--yes` elsewhere), carry it out with a progress bar and Ctrl-C, and
 * print the outcome of every finding. Resolves the exit code.
 */
async function runPlan(
  ctx: CommandContext,
  env: OperationEnv,
  plan: Plan,
  findings: ReadonlyMap<string, SelectedFinding>,
  options: PlanRunOptions,
): Promise<number> {
  const { output, io } = ctx;
  const styles = renderStyles(io, output);
  const accounts = new Map([...findings].map(([id, selected]) => [id, selectedRowAccount(selected)]));
  const report = (results: readonly RemediationResult[], notStarted = 0): number => {
    const document = runDocument(results);
    output.result(document, () => renderRunResults(document, styles.stdout, accounts, { notStarted }));
    if (notStarted > 0 && output.json) {
      output.warn(`interrupted: ${notStarted} not started; run the same command again to finish them`);
    }
    return notStarted > 0 ? EXIT.FAILED : exitCodeFor(results);
  };

  if (options.planFile) {
    const path = writePlan(io.cwd, options.planFile, plan);
    output.info(
      `Plan written to ${path} (${plan.items.length} item(s)); nothing changed. Carry it out with: macie-remediate apply ${options.planFile}`,
    );
    return report([...plannedResults(plan), ...plan.skipped]);
  }
  if (options.dryRun || plan.items.length === 0) {
    if (plan.items.length === 0) output.info(`Nothing to ${verbOf(plan)}.`);
    return report([...plannedResults(plan), ...plan.skipped]);
  }

  output.info(renderPlan(plan, styles.stderr, { asScanned: options.asScanned === true }));
  if (!options.yes) {
    if (!io.interactive) {
      throw new InvalidInputError(
        'USAGE',
        `refusing to ${verbOf(plan)} ${plan.items.length} object(s) without confirmation: pass --yes (there is no terminal to ask on)`,
      );
    }
    if (!(await confirm(io, `${capitalized(verbOf(plan))} ${plan.items.length} object(s)?`))) {
      output.info('Cancelled: nothing changed.');
      return EXIT.OK;
    }
  }

  const watch = watchInterrupt(() =>
    output.warn('interrupted: finishing the moves in flight, starting no new ones (Ctrl-C again to stop at once)'),
  );
  const progress = startProgress(io.stderr, output.progressAllowed, verbOf(plan), plan.items.length);
  let run: Awaited<ReturnType<typeof executePlan>>;
  try {
    run = await executePlan(env, plan, findings, {
      force: options.force,
      recheck: options.recheck,
      asScanned: options.asScanned === true,
      ...(options.reason ? { reason: options.reason } : {}),
      concurrency: options.concurrency,
      signal: watch.signal,
      onDone: () => progress.tick(),
    });
  } finally {
    progress.stop();
    watch.dispose();
  }
  return report([...run.results, ...plan.skipped], run.notStarted);
}

export type { PlanRunOptions };
export { runPlan };
