import { InMemoryLedger } from '../../../../core/ledger/InMemoryLedger';
import { silentLogger } from '../../../../core/logger';
import { InProcessDispatcher } from '../../../../core/remediation/InProcessDispatcher';
import type { RemediationDeps } from '../../../../core/remediation/RemediationDeps';
import { runJob } from '../../../../core/remediation/run-job';
import type { Action } from '../../../../core/types/policy';
import type { FindingsHub, LeaseProbe, RemediationJob, Sleep } from '../../../../core/types/ports';
import type { Clock } from '../../../../core/types/runtime';
import type { RestoreApprovals } from '../../../../core/types/settings';
import { FIXTURE_ACCOUNT } from '../../../support/fixtures';
import { FakeQuarantine, RecordingAnnouncer } from './fakes';

const NOW = new Date('2026-11-27T12:00:00.000Z');

interface Harness {
  readonly deps: RemediationDeps;
  readonly ledger: InMemoryLedger;
  readonly announcer: RecordingAnnouncer;
  readonly quarantine: FakeQuarantine;
  /** Every job handed to the dispatcher, in order. */
  readonly jobs: RemediationJob[];
}

/** The workflows' dependencies over in-memory twins; jobs run in-process and are awaited. */
function harness(
  options: {
    auto?: Readonly<Record<string, Action>>;
    withoutSlack?: boolean;
    clock?: Clock;
    sleep?: Sleep;
    leaseProbe?: LeaseProbe;
    findingsHub?: FindingsHub;
    restoreApprovals?: RestoreApprovals;
  } = {},
): Harness {
  const clock = options.clock ?? (() => NOW);
  const ledger = new InMemoryLedger({ clock });
  const announcer = new RecordingAnnouncer();
  const quarantine = new FakeQuarantine();
  const jobs: RemediationJob[] = [];
  const dispatcher = new InProcessDispatcher({
    run: (job, held) => {
      jobs.push(job);
      return runJob(deps, job, held);
    },
  });
  const deps: RemediationDeps = {
    ledger,
    quarantine,
    policy: {
      autoRemediateConfig: options.auto ?? {
        'SensitiveData:S3Object/Financial': 'AUTO',
        'SensitiveData:S3Object/Personal': 'REVIEW',
      },
      minSeverity: 'LOW',
      sourceBuckets: [],
    },
    ownAccount: async () => FIXTURE_ACCOUNT,
    ...(options.withoutSlack ? {} : { announcer }),
    ...(options.findingsHub ? { findingsHub: options.findingsHub } : {}),
    dispatcher,
    clock,
    logger: silentLogger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.leaseProbe ? { leaseProbe: options.leaseProbe } : {}),
    ...(options.restoreApprovals ? { restoreApprovals: options.restoreApprovals } : {}),
  };
  return { deps, ledger, announcer, quarantine, jobs };
}

export type { Harness };
export { harness, NOW };
