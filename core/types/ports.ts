/** The ports: every interface core calls out through, with the types their calls take and return. */
import type { JobKind, LegalHoldKind } from '../ledger/finding-state';
import type { Criterion, SuppressionRule } from '../macie/suppression-rule';
import type { SuppressionOutcome } from '../remediation/suppress-finding';
import type {
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
} from './ledger';
import type { RemediationResult } from './outcome';
import type { RemediationAction } from './policy';
import type {
  LegalHoldResult,
  QuarantinedCopy,
  QuarantineResult,
  QuarantineTarget,
  RestoreResult,
  RestoreTarget,
  SealResult,
  TagResult,
  TagTarget,
  UnsealResult,
  UnsealTarget,
  UntagResult,
  UntagTarget,
} from './quarantine';

/** Result of creating a ledger record: a redelivered event finds the record already there. */
type BeginResult =
  | { readonly created: true; readonly record: LedgerRecord }
  | { readonly created: false; readonly existing: LedgerRecord };

/** Result of a conditional state change. */
type TransitionResult =
  | { readonly ok: true; readonly record: LedgerRecord }
  | { readonly ok: false; readonly current?: LedgerRecord };

/**
 * Result of claiming an object identity for a finding (a re-scan of the same object is linked, not announced).
 * Without `ownerFindingId`, the owner let go between the claim and the look at who holds it: the caller
 * claims again (core/remediation/receive-finding's claimOrLink is the one retry loop).
 */
type ClaimResult =
  | {
      readonly claimed: true;
      /** No finding had claimed the object before: its claim item is new (a released claim keeps its item). */
      readonly first: boolean;
      /** This finding held the claim already (a redelivery), so the claim was not taken now. */
      readonly heldBefore: boolean;
    }
  | { readonly claimed: false; readonly ownerFindingId?: string };

interface Transition {
  /** Allowed current states; the write is conditional on one of them (and on the record existing). */
  readonly from: readonly LedgerState[];
  readonly to: LedgerState;
  readonly event: LedgerEvent;
  /** Fields to set with the transition. */
  readonly patch?: Partial<
    Pick<LedgerRecord, 'quarantine' | 'slack' | 'notificationOwed' | 'linkedTo' | 'remediation'>
  >;
  /** Also conditional on the finding's lease; see {@link LeaseChange}. */
  readonly lease?: LeaseChange;
  /**
   * The second of two restore approvals: the write also requires a pending {@link RestoreApproval} by a
   * principal other than this one. Every transition drops the pending approval.
   */
  readonly secondApprover?: string;
}

/** The first of two restore approvals, recorded without a change of state. */
interface ApprovalRequest {
  /** The states an approval may be given in (a restore's start states). */
  readonly from: readonly LedgerState[];
  readonly approval: RestoreApproval;
  readonly event: LedgerEvent;
  /** Where the approving click came from, so the message can be updated (webhook mode has only its response_url). */
  readonly slack?: SlackMessageRef;
}

/** A legal hold put on (`hold`) or taken off (none) a finding's record, without a change of state. */
interface LegalHoldChange {
  /** The states it may change in (QUARANTINED). */
  readonly from: readonly LedgerState[];
  readonly hold?: LegalHold;
  readonly event: LedgerEvent;
}

/**
 * How a transition treats the lease. `take`: the write also requires that the record holds no lease,
 * or an expired one (`expiresAt <= now`), or one owned by `take.owner` or by `abandoned` (a holder the
 * caller found dead), and stores `take`. `release`: the write requires that `release` still owns the
 * lease, and removes it.
 */
type LeaseChange =
  | { readonly take: Lease; readonly now: string; readonly abandoned?: string }
  | { readonly release: string };

interface LedgerQuery {
  readonly states?: readonly LedgerState[];
  /** ISO-8601: records created at or after. */
  readonly since?: string;
  readonly until?: string;
}

/** What an annotation may set besides its event: where announcements went, and what is still owed. */
type AnnotationPatch = Partial<Pick<LedgerRecord, 'slack' | 'notificationOwed' | 'securityHub' | 'securityHubOwed'>>;

/** The ledger's port; DynamoDB and in-memory implementations live in core/ledger/. */
interface Ledger {
  get(findingId: string): Promise<LedgerRecord | undefined>;
  /** The records of many findings in as few requests as the table allows (100 a request); unknown ones are absent. */
  getMany(findingIds: readonly string[]): Promise<ReadonlyMap<string, LedgerRecord>>;
  /** Creates the record only if no record exists for this finding id. */
  begin(record: Omit<LedgerRecord, 'version' | 'updatedAt'>): Promise<BeginResult>;
  transition(findingId: string, transition: Transition): Promise<TransitionResult>;
  /**
   * Keeps the first approval of a restore, conditional on the record being in one of `from` and holding no
   * approval yet: of two concurrent first approvals exactly one is first; the other reads who was.
   */
  approveRestore(findingId: string, request: ApprovalRequest): Promise<TransitionResult>;
  /**
   * Sets or removes `legalHold`, conditional on the record being in one of `from`. While a record holds
   * one, every transition's condition fails: a held copy is never restored.
   */
  setLegalHold(findingId: string, change: LegalHoldChange): Promise<TransitionResult>;
  /** Appends to history and sets fields without changing state (e.g. the Slack message reference). */
  annotate(findingId: string, event: LedgerEvent, patch?: AnnotationPatch): Promise<LedgerRecord | undefined>;
  claimObject(objectIdentity: string, findingId: string): Promise<ClaimResult>;
  releaseObject(objectIdentity: string, findingId: string): Promise<void>;
  /** Keeps the latest restore of an object's location; an older restore never replaces a newer one. */
  rememberRestore(restore: RestoredObject): Promise<void>;
  restoredObject(location: string): Promise<RestoredObject | undefined>;
  /** The restores of many locations in as few requests as the table allows (100 a request); unknown ones are absent. */
  restoredObjects(locations: readonly string[]): Promise<ReadonlyMap<string, RestoredObject>>;
  /** Counts one review message in `window` (and in its `group`), atomically across processes; returns the tally after it. */
  tallyReview(window: string, group: string): Promise<ReviewTally>;
  /** Keeps the window's digest message, unless one is kept already; returns the tally with the digest that stays. */
  keepDigest(window: string, digest: SlackMessageRef): Promise<ReviewTally>;
  /**
   * Takes the turn to show the window's digest, held until `until` unless ended: false while another
   * process holds an unexpired turn. One holder at a time keeps the digest's updates at Slack's pace.
   */
  takeDigestTurn(window: string, until: string, now: string): Promise<boolean>;
  /** Ends the turn if the tally still counts `shown`; else renews it until `until` and returns the tally to show next. */
  endDigestTurn(window: string, shown: number, until: string): Promise<ReviewTally | undefined>;
  query(query?: LedgerQuery): AsyncIterable<LedgerRecord>;
  /** Recomputes every finding's history chain from what is stored (not from records as read), one verdict each. */
  verifyHistories(): AsyncIterable<HistoryVerdict>;
  /** Every finding's item as stored (`findingId`, `history` with each event's `hash`, `chain`), whatever else it holds. */
  storedHistories(): AsyncIterable<StoredHistory>;
}

/** A Slack message: fallback text plus Block Kit blocks (built by the pure functions in core/slack/). */
interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Readonly<Record<string, unknown>>[];
}

/** Where to send an ephemeral reply to one user. */
interface EphemeralTarget {
  readonly channel: string;
  readonly user: string;
  readonly responseUrl?: string;
}

/**
 * The Slack side of the engine. Bot-token mode posts with chat.postMessage and updates with chat.update;
 * webhook mode posts to the incoming webhook and updates through response_url. Implementations retry
 * 5xx, 429 (Retry-After) and network errors; a call that still fails throws RemediateError('SLACK_FAILED').
 */
interface Notifier {
  post(message: SlackMessage): Promise<SlackMessageRef>;
  update(ref: SlackMessageRef, message: SlackMessage): Promise<void>;
  ephemeral(target: EphemeralTarget, text: string): Promise<void>;
}

/** The quarantine engine's port: what every door calls. Implemented by core/quarantine/QuarantineEngine.ts. */
interface Quarantine {
  quarantine(target: QuarantineTarget): Promise<QuarantineResult>;
  restore(target: RestoreTarget): Promise<RestoreResult>;
  /** Puts a legal hold on (`ON`) or off (`OFF`) every version of the finding's copies. */
  legalHold(findingId: string, status: 'ON' | 'OFF'): Promise<LegalHoldResult>;
  /** The copy a finding left in quarantine, if any. */
  locate(findingId: string): Promise<QuarantinedCopy | undefined>;
  /** Everything in quarantine, page by page. */
  list(): AsyncIterable<QuarantinedCopy>;
  /** Re-encrypts the object in place with the quarantine KMS key: it stays at its key, only the remediator reads it. */
  seal(target: QuarantineTarget): Promise<SealResult>;
  /** Re-encrypts a sealed object as it was before the seal. */
  unseal(target: UnsealTarget): Promise<UnsealResult>;
  /** Merges one classification tag into the object's tags; nothing moves. */
  tag(target: TagTarget): Promise<TagResult>;
  /** Takes the classification tag off again, if it still has its value. */
  untag(target: UntagTarget): Promise<UntagResult>;
}

/** A unit of work for the remediator: the Lambda payload, and what `serve` runs in-process. */
interface RemediationJob {
  /** `exempt`: tag the object exempt and dismiss the finding. */
  readonly kind: JobKind | LegalHoldKind | 'exempt';
  /**
   * How a `remediate` job remediates: a reviewer's choice ("Seal instead", `--action`). @default the record's
   * `remediation` (the policy's), which a job resuming a killed run always keeps
   */
  readonly action?: RemediationAction;
  readonly findingId: string;
  readonly actor: string;
  readonly force?: boolean;
  /**
   * The exact object a plan named (CLI `apply`): the move pins this version, or refuses as STALE unless the
   * object still has this ETag. @default the version and ETag the finding saw
   */
  readonly expected?: { readonly eTag: string; readonly versionId?: string };
  /**
   * Who approves a restore, as the approval rule compares principals: the terminal's AWS identity
   * (`aws:<caller ARN>`). @default `actor`
   */
  readonly approver?: string;
  /**
   * The lease owner of the door that took the finding for this job (a click, the finding handler): the
   * remediator works under it. Without one, the remediator takes the finding itself first.
   */
  readonly lease?: string;
  /** The reason the person who asked gave; the job's events keep it. */
  readonly reason?: string;
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

/**
 * How far the reconciler has read Macie: the latest `updatedAt` of the findings it fully handled. Kept in
 * the ledger table, so every run (and every overlapping one) sees the same.
 */
interface Watermark {
  read(): Promise<Date | undefined>;
  /** Moves it forward to `to`, never back: false when it already stands at or past `to` (another run got further). */
  advance(to: Date): Promise<boolean>;
}

/** The account of the credentials in use (STS GetCallerIdentity, or what the stack told its Lambdas). */
type OwnAccount = () => Promise<string>;

/** People's names for AWS accounts, for messages and tables (AWS Organizations where it can tell them). */
interface AccountNames {
  /** The account's name, or undefined when it cannot be told; never throws (a name is a courtesy). */
  nameOf(accountId: string): Promise<string | undefined>;
}

/** Waits; injected so tests of the bounded wait for another run do not sleep. */
type Sleep = (ms: number) => Promise<void>;

/**
 * Hands a job to the remediator. The Lambda door invokes the remediator function asynchronously and
 * resolves `undefined`; the in-process dispatcher runs the job and resolves its result.
 */
interface Dispatcher {
  /**
   * @param held the finding's record as the caller just wrote it, taking the job's lease or, for a job that
   *   takes the finding itself, recording it: a job run in this process starts from it instead of reading it
   *   again (the lease and the ledger's conditions guard what it writes: a record changed since fails them and
   *   is read again); the remediator function reads its own.
   */
  dispatch(job: RemediationJob, held?: LedgerRecord): Promise<RemediationResult | undefined>;
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
  progress(record: LedgerRecord, actor: string, kind: JobKind): Promise<void>;
  /** Updates the finding's message with the outcome, or posts one when there is none (AUTO). */
  outcome(
    record: LedgerRecord,
    result: RemediationResult,
    actor: string,
    kind: JobKind,
  ): Promise<SlackMessageRef | undefined>;
  /** Dismissed, with what became of the Macie findings filter when the click also asked to suppress. */
  dismissed(record: LedgerRecord, actor: string, suppression?: SuppressionOutcome): Promise<void>;
  /** Where review messages go (a channel id or name; `''` for an incoming webhook): review floods are counted per destination. */
  readonly destination: string;
  /** Posts the digest that stands for a window's review messages past the flood threshold. */
  digest(digest: ReviewDigest): Promise<SlackMessageRef>;
  /** Replaces the digest with its latest counts. */
  updateDigest(ref: SlackMessageRef, digest: ReviewDigest): Promise<void>;
}

/** What a review digest shows: a window's review findings, counted by bucket and type. */
interface ReviewDigest {
  /** ISO-8601, inclusive. */
  readonly windowStart: string;
  /** ISO-8601, exclusive. */
  readonly windowEnd: string;
  /** Review findings in the window. */
  readonly total: number;
  /** How many of them were posted one by one before the digest took over. */
  readonly posted: number;
  readonly groups: readonly { readonly bucket: string; readonly type: string; readonly count: number }[];
}

/** What Security Hub should show for a decided finding (BatchUpdateFindings' customer fields). */
interface FindingsHubUpdate {
  readonly status: 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
  /** Who decided what, and where the object went: at most 512 characters. */
  readonly note: string;
  /** UserDefinedFields: at most 50, keys ≤ 128 and values ≤ 1,024 characters. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Security Hub's copy of Macie's findings (core/securityhub/SecurityHubFindings). Each method throws
 * RemediateError('SECURITY_HUB_FAILED') when Security Hub cannot be reached or refuses, and the workflow
 * records the update as owed: Security Hub never blocks or undoes a move.
 */
interface FindingsHub {
  /** The finding's identifiers as Security Hub holds them, or undefined when it does not hold it (yet). */
  locate(record: LedgerRecord): Promise<SecurityHubRef | undefined>;
  update(ref: SecurityHubRef, update: FindingsHubUpdate): Promise<void>;
}

/** A findings filter this tool made, as `list suppressions` shows it. */
interface Suppression {
  readonly id: string;
  readonly name: string;
  readonly criterion: Criterion;
  readonly description?: string;
  /** ISO-8601, from the filter's tag; absent on a filter made without it. */
  readonly createdAt?: string;
}

/** What became of a suppression: Macie's quota of 1,000 filters per account and Region is an expected outcome. */
type SuppressResult =
  | { readonly status: 'created' | 'exists'; readonly name: string }
  | { readonly status: 'quota-full'; readonly name: string };

/**
 * Macie's findings filters that this tool made (core/macie/MacieSuppressions). Each method throws
 * RemediateError('MACIE_FAILED') when Macie cannot be reached or refuses otherwise.
 */
interface Suppressions {
  /** Creates the ARCHIVE filter, or finds the one of the same name. */
  suppress(rule: SuppressionRule): Promise<SuppressResult>;
  list(): AsyncIterable<Suppression>;
  /** Deletes the filter of this name; one this tool did not make (by its name) is refused. */
  remove(name: string): Promise<'deleted' | 'not-found' | 'not-ours'>;
}

export type {
  AccountNames,
  AnnotationPatch,
  Announcer,
  ApprovalRequest,
  BeginResult,
  ClaimResult,
  Dispatcher,
  EphemeralTarget,
  FindingsHub,
  FindingsHubUpdate,
  LeaseChange,
  LeaseProbe,
  Ledger,
  LedgerQuery,
  LegalHoldChange,
  Notifier,
  OwnAccount,
  Quarantine,
  RemediationJob,
  ReviewDigest,
  SlackMessage,
  Sleep,
  Suppression,
  Suppressions,
  SuppressResult,
  Transition,
  TransitionResult,
  Watermark,
};
