import type { PolicyConfig } from '../types/policy';
import type {
  AccountNames,
  Announcer,
  Dispatcher,
  FindingsHub,
  LeaseProbe,
  Ledger,
  OwnAccount,
  Quarantine,
  Sleep,
  Suppressions,
} from '../types/ports';
import type { Clock, Logger } from '../types/runtime';
import type { RestoreApprovals } from '../types/settings';

/**
 * What every workflow touches. Each door builds only its workflow's set (core/compose/), so a Lambda's
 * bundle holds only its own path: the handlers never load the S3 engine, the remediator never the policy.
 */
interface WorkflowDeps {
  readonly ledger: Ledger;
  /** Absent when no Slack is configured: workflows still run, nothing is announced. */
  readonly announcer?: Announcer;
  /**
   * Absent with `securityHub: false`, and in the finding handler, which decides nothing Security Hub shows:
   * owed updates wait there for the next run that has one.
   */
  readonly findingsHub?: FindingsHub;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The CLI's: leases record host and pid, and a dead holder's may be taken over at once. @default expiry only */
  readonly leaseProbe?: LeaseProbe;
  /** @default setTimeout */
  readonly sleep?: Sleep;
  /** Different people who must approve a restore (core/remediation/restore-approval.ts). @default 1 */
  readonly restoreApprovals?: RestoreApprovals;
}

/** A new finding (receiveFinding): decide, record, hand AUTO to the remediator. */
interface FindingDeps extends WorkflowDeps {
  readonly policy: PolicyConfig;
  /** Whose findings are ours without a member role; asked only when the member list does not say. */
  readonly ownAccount: OwnAccount;
  readonly dispatcher: Dispatcher;
  /** Names of other accounts, kept on their findings' records. @default none: messages show the account id alone */
  readonly accountNames?: AccountNames;
}

/** A Slack click (handleClick, requestAction): claim, then hand the job to the remediator. */
interface ClickDeps extends WorkflowDeps {
  readonly dispatcher: Dispatcher;
  /** Macie's findings filters, for "Dismiss and suppress similar"; absent, that click dismisses and says so. */
  readonly suppressions?: Suppressions;
}

/** A job (runJob): remediate or restore the object, or exempt it. */
interface JobDeps extends WorkflowDeps {
  readonly quarantine: Quarantine;
  /** The tag key `exempt` puts on an object (`exemptTag`). @default 'macie-remediate:exempt' */
  readonly exemptTag?: string;
}

/** Every workflow at once: the CLI and the local stack run them all in one process. */
interface RemediationDeps extends FindingDeps, ClickDeps, JobDeps {}

export type { ClickDeps, FindingDeps, JobDeps, RemediationDeps, WorkflowDeps };
