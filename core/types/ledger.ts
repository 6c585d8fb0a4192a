import type { Finding } from './finding';
import type { ObjectLocation } from './outcome';
import type { Decision, RemediationAction } from './policy';

/** A finding's state in the ledger. */
type LedgerState =
  | 'IGNORED'
  | 'AWAITING_REVIEW'
  | 'REMEDIATING'
  | 'QUARANTINED'
  | 'DISMISSED'
  | 'RESTORING'
  | 'RESTORED'
  | 'FAILED'
  | 'LINKED';

/** Where the finding's Slack message lives, so any door can update it. */
interface SlackMessageRef {
  readonly channel: string;
  readonly ts?: string;
  /** From an interactivity payload; valid 30 minutes, 5 uses. */
  readonly responseUrl?: string;
  /** When the response_url arrived: after 30 minutes it is dead, and updates go through chat.update. */
  readonly responseUrlReceivedAt?: string;
  readonly postedAt: string;
}

/** A finding as Security Hub identifies it: BatchUpdateFindings' FindingIdentifier. */
interface SecurityHubRef {
  readonly id: string;
  readonly productArn: string;
}

interface LedgerEvent {
  readonly at: string;
  readonly actor: string;
  /** e.g. 'announced', 'approved', 'quarantined', 'restored', 'dismissed', 'failed', 'linked', 'notification-owed'. */
  readonly action: string;
  readonly outcome?: string;
  readonly detail?: string;
  /** Why, in the words of the person who asked for the action (`--reason`, the Slack modal). */
  readonly reason?: string;
}

/**
 * Who is working on a finding in REMEDIATING or RESTORING, until when. Taken by the conditional write
 * that enters the working state, kept by the job that holds it, cleared by the write that records the
 * outcome (conditional on still holding it). An expired lease may be taken over by anyone; a CLI's
 * lease names its host and pid, so a run on the same host may take over at once from a dead process.
 */
interface Lease {
  /** Unique per job: only the holder's outcome write may clear it. */
  readonly owner: string;
  /** Who, in words: `cli:alice`, `slack:U0APPROVER`, `auto`. */
  readonly actor: string;
  /** ISO-8601. */
  readonly takenAt: string;
  /** ISO-8601 (always `toISOString()`, so strings compare as times). */
  readonly expiresAt: string;
  readonly host?: string;
  readonly pid?: number;
}

/**
 * The first of two approvals a restore needs (`restoreApprovals: 2`): kept on the QUARANTINED record until
 * a different principal's restore takes the finding, and dropped by any change of state.
 */
interface RestoreApproval {
  /** Who approved, as the approval rule compares them: `slack:<user id>`, or `aws:<caller ARN>` from the terminal. */
  readonly approver: string;
  /** ISO-8601. */
  readonly at: string;
}

/**
 * An S3 Object Lock legal hold on the finding's quarantined copy (QUARANTINED only): evidence kept until
 * someone releases it. While it is there no transition is written, so the copy cannot be restored.
 */
interface LegalHold {
  /** ISO-8601. */
  readonly at: string;
  /** Who put it on: `cli:<user>`, `slack:<user id>`. */
  readonly by: string;
  readonly reason?: string;
}

interface LedgerRecord {
  readonly findingId: string;
  readonly state: LedgerState;
  /** `account/region/bucket/key#versionId-or-eTag`: a re-scan of the same object has the same identity. */
  readonly objectIdentity: string;
  readonly findingType: string;
  readonly severity: string;
  readonly source: ObjectLocation & { readonly eTag?: string };
  readonly decision: Decision['action'];
  /** The policy's reason for `decision`, as the review message quotes it. */
  readonly decisionReason?: string;
  /**
   * How the object is (to be) remediated: the policy's choice when the finding arrived, replaced by the one a
   * job started with (a reviewer's "Seal instead", `remediate --action`). Absent on records written before
   * there were other actions: QUARANTINE.
   */
  readonly remediation?: RemediationAction;
  /**
   * The name AWS Organizations gave the finding's account, looked up once when a finding of another
   * account is recorded, so every message and table can show it without asking again.
   */
  readonly accountName?: string;
  /** The finding as parsed when it arrived, so every door can build messages without asking Macie again. */
  readonly finding?: Finding;
  readonly quarantine?: { readonly bucket: string; readonly key: string };
  readonly slack?: SlackMessageRef;
  /** Slack could not be told; a later run (or the next event) delivers it. */
  readonly notificationOwed?: boolean;
  /** The finding's Security Hub identifiers, as GetFindings returned them (never composed), once found. */
  readonly securityHub?: SecurityHubRef;
  /** Security Hub does not show this record's state yet (down, or not holding the finding yet); a later run sends it. */
  readonly securityHubOwed?: boolean;
  /** For LINKED records: the finding whose record already covers this object. */
  readonly linkedTo?: string;
  /** Present while a job holds the finding (REMEDIATING, RESTORING). */
  readonly lease?: Lease;
  /** A restore approved once, waiting for a second approver (QUARANTINED only). */
  readonly restoreApproval?: RestoreApproval;
  /** The quarantined copy is on legal hold (QUARANTINED only). */
  readonly legalHold?: LegalHold;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-lock counter for conditional writes. */
  readonly version: number;
  readonly history: readonly LedgerEvent[];
}

/**
 * The last time a person put an object back (`Ledger.rememberRestore`), kept apart from the finding's record
 * so one read by the object's location tells a re-scan of the same bytes from a new decision.
 */
interface RestoredObject {
  /** `account/region/bucket/key`: the object identity without its version or ETag pin, which a restore changes. */
  readonly location: string;
  /** The restored bytes' ETag, normalised (core/quarantine/normalise-etag). */
  readonly eTag: string;
  /** The finding whose restore put it back. */
  readonly findingId: string;
  readonly actor: string;
  /** ISO-8601. */
  readonly restoredAt: string;
}

/**
 * The review messages of one channel in one window (`Ledger.tallyReview`), shared by every process that
 * announces to it: how many came, how many per group, and the window's digest message once there is one.
 */
interface ReviewTally {
  /** Review findings announced in the window so far, this one included. */
  readonly count: number;
  /** Per group (core/remediation/review-flood.ts names them): how many of `count`. */
  readonly groups: Readonly<Record<string, number>>;
  readonly digest?: SlackMessageRef;
}

/**
 * What `audit --verify` finds of one finding's history (core/ledger/verify-history): intact; `unchained`,
 * written before histories were hash-chained (nothing to check, nothing wrong); or broken, and how.
 */
type HistoryVerdict =
  | { readonly findingId: string; readonly status: 'intact' | 'unchained' }
  | { readonly findingId: string; readonly status: 'broken'; readonly reason: string };

/**
 * A finding's item as stored, read without the record schema (which drops `hash` and `chain`, and would
 * skip an item an edit made unreadable): what `audit --verify` judges.
 */
type StoredHistory = Readonly<Record<string, unknown>>;

export type {
  HistoryVerdict,
  Lease,
  LedgerEvent,
  LedgerRecord,
  LedgerState,
  LegalHold,
  RestoreApproval,
  RestoredObject,
  ReviewTally,
  SecurityHubRef,
  SlackMessageRef,
  StoredHistory,
};
