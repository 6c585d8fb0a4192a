import type { JobKind } from '../ledger/finding-state';
import type { Lease, LedgerRecord, SlackMessageRef } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';

/** A unit of work for the remediator: the Lambda payload, and what `serve` runs in-process. */
interface RemediationJob {
  readonly kind: JobKind;
  readonly findingId: string;
  readonly actor: string;
  readonly force?: boolean;
  /**
   * The exact object a plan named (CLI `apply`): the move pins this version, or refuses as STALE unless the
   * object still has this ETag. @default the version and ETag the finding saw
   */
  readonly expected?: { readonly eTag: string; readonly versionId?: string };
  /**
   * The lease owner of the door that took the finding for this job (a click, the finding handler): the
   * remediator works under it. Without one, the remediator takes the finding itself first.
   */
  readonly lease?: string;
}

/**
 * Process liveness, for doors whose leases name a host and pid (the CLI): a lease held by a process of
 * this host that no longer runs may be taken over at once instead of waiting for it to expire.
 */
interface LeaseProbe {
  /** What this process writes into the leases it takes. */
  readonly holder: { readonly host: string; readonly pid: number };
  isAbandoned(lease: Lease): boolean;
}

/** Waits; injected so tests of the bounded wait for another run do not sleep. */
type Sleep = (ms: number) => Promise<void>;

/**
 * Hands a job to the remediator. The Lambda door invokes the remediator function asynchronously and
 * resolves `undefined`; the in-process dispatcher runs the job and resolves its result.
 */
interface Dispatcher {
  dispatch(job: RemediationJob): Promise<RemediationResult | undefined>;
}

/**
 * Tells people about a finding. Implemented over Slack by core/slack/SlackAnnouncer; each method
 * throws RemediateError('SLACK_FAILED') when Slack cannot be reached, and the workflow records the
 * notification as owed instead of losing the remediation.
 */
interface Announcer {
  /** Posts the review message (Remediate / Dismiss). */
  review(record: LedgerRecord): Promise<SlackMessageRef>;
  /** Replaces the buttons with "... in progress by <actor>" so nobody clicks twice. */
  progress(record: LedgerRecord, actor: string, kind: RemediationJob['kind']): Promise<void>;
  /** Updates the finding's message with the outcome, or posts one when there is none (AUTO). */
  outcome(
    record: LedgerRecord,
    result: RemediationResult,
    actor: string,
    kind: JobKind,
  ): Promise<SlackMessageRef | undefined>;
  dismissed(record: LedgerRecord, actor: string): Promise<void>;
}

export type { Announcer, Dispatcher, LeaseProbe, RemediationJob, Sleep };
