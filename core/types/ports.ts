import type { Lease, LedgerEvent, LedgerRecord, LedgerState, SlackMessageRef } from './ledger';

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
type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly ownerFindingId?: string };

interface Transition {
  /** Allowed current states; the write is conditional on one of them (and on the record existing). */
  readonly from: readonly LedgerState[];
  readonly to: LedgerState;
  readonly event: LedgerEvent;
  /** Fields to set with the transition. */
  readonly patch?: Partial<Pick<LedgerRecord, 'quarantine' | 'slack' | 'notificationOwed' | 'linkedTo'>>;
  /** Also conditional on the finding's lease; see {@link LeaseChange}. */
  readonly lease?: LeaseChange;
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

/** The ledger's port; DynamoDB and in-memory implementations live in core/ledger/. */
interface Ledger {
  get(findingId: string): Promise<LedgerRecord | undefined>;
  /** Creates the record only if no record exists for this finding id. */
  begin(record: Omit<LedgerRecord, 'version' | 'updatedAt'>): Promise<BeginResult>;
  transition(findingId: string, transition: Transition): Promise<TransitionResult>;
  /** Appends to history and sets fields without changing state (e.g. the Slack message reference). */
  annotate(
    findingId: string,
    event: LedgerEvent,
    patch?: Partial<Pick<LedgerRecord, 'slack' | 'notificationOwed'>>,
  ): Promise<LedgerRecord | undefined>;
  claimObject(objectIdentity: string, findingId: string): Promise<ClaimResult>;
  releaseObject(objectIdentity: string, findingId: string): Promise<void>;
  query(query?: LedgerQuery): AsyncIterable<LedgerRecord>;
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

export type {
  BeginResult,
  ClaimResult,
  EphemeralTarget,
  LeaseChange,
  Ledger,
  LedgerQuery,
  Notifier,
  SlackMessage,
  Transition,
  TransitionResult,
};
