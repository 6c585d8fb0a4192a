import type { AccountClients } from '../aws/account-clients';
import { InProcessDispatcher } from '../remediation/InProcessDispatcher';
import type { RemediationDeps } from '../remediation/RemediationDeps';
import { runJob } from '../remediation/run-job';
import type { Dispatcher, Suppressions } from '../types/ports';
import { type DispatcherChoice, dispatcherFor } from './dispatcher-for';
import { accountNamesOf, policyOf } from './finding-deps';
import { buildJobDeps, type JobDepsOptions } from './job-deps';
import { ownAccountOf } from './own-account';
import type { Composed } from './workflow-deps';

interface BuildRemediationDepsOptions extends JobDepsOptions {
  /** Where jobs go, as given. @default dispatcherFor with `remediator`: the function, else this process */
  readonly dispatcher?: Dispatcher;
  /** How to reach a configured remediator function. @default none: jobs run in this process */
  readonly remediator?: Pick<DispatcherChoice, 'lambda' | 'wait'>;
  /** Run in-process jobs after answering, like an asynchronous Lambda invoke. @default false */
  readonly background?: boolean;
  /** For "Dismiss and suppress similar". @default none: such a click dismisses and says it could not suppress */
  readonly suppressions?: Suppressions;
}

/**
 * Every workflow in one process, for the doors that run them all (the CLI, `serve`, the local stack). A
 * job that stays in this process runs over the same dependencies the remediator function builds.
 */
function buildRemediationDeps(options: BuildRemediationDepsOptions): Composed<RemediationDeps> & {
  /** Set when jobs run in this process: `idle()` waits for the background ones. */
  readonly inProcess?: InProcessDispatcher;
  /** The engine's clients per object (absent: one account), for reads before a job: the CLI's plans. */
  readonly accounts?: AccountClients;
} {
  const jobs = buildJobDeps(options);
  const here = new InProcessDispatcher({
    run: (job, held) => runJob(jobs.deps, job, held),
    background: options.background ?? false,
    onError: (job, err) => jobs.deps.logger.error('job failed', { findingId: job.findingId, error: String(err) }),
  });
  const dispatcher =
    options.dispatcher ?? dispatcherFor({ settings: options.settings, ...options.remediator, inProcess: here });
  return {
    deps: {
      ...jobs.deps,
      policy: policyOf(options.settings),
      ownAccount: ownAccountOf(options.settings, options.ownAccount),
      dispatcher,
      accountNames: accountNamesOf(options),
      ...(options.suppressions ? { suppressions: options.suppressions } : {}),
    },
    ...(dispatcher === here ? { inProcess: here } : {}),
    ...(jobs.accounts ? { accounts: jobs.accounts } : {}),
    ...(jobs.notifier ? { notifier: jobs.notifier } : {}),
  };
}

export type { BuildRemediationDepsOptions };
export { buildRemediationDeps };
