import { silentLogger, systemClock } from '../logger';
import type {
  HistoryVerdict,
  LedgerEvent,
  LedgerRecord,
  RestoredObject,
  ReviewTally,
  SlackMessageRef,
  StoredHistory,
} from '../types/ledger';
import type {
  AnnotationPatch,
  ApprovalRequest,
  BeginResult,
  ClaimResult,
  Ledger,
  LedgerQuery,
  LegalHoldChange,
  Transition,
  TransitionResult,
} from '../types/ports';
import type { Clock, Logger } from '../types/runtime';
import { approvalAllows } from './approval-condition';
import { assertInitialState, assertTransition } from './finding-state';
import { nextLink } from './history-chain';
import { leaseAfter, leaseAllows } from './lease-condition';
import {
  ANNOTATION_FIELDS,
  asStored,
  itemFromRecord,
  type PatchField,
  patchFields,
  recordFromStored,
  TRANSITION_FIELDS,
} from './ledger-item';
import { matchesFilter, recordFilter } from './record-filter';
import { verifyHistory } from './verify-history';

type Item = Record<string, unknown>;

interface InMemoryLedgerOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default silent */
  readonly logger?: Logger;
}

/**
 * The ledger's in-memory twin, with DynamoDbLedger's semantics: each operation reads and writes
 * without awaiting in between, so concurrent calls (Promise.all) are as atomic as conditional
 * writes; records go in and out as deep copies, so callers cannot change what is stored.
 */
class InMemoryLedger implements Ledger {
  /** Records as DynamoDB would hold them: history events hashed, the chain beside them (core/ledger/history-chain). */
  readonly #items = new Map<string, Item>();
  readonly #claims = new Map<string, string>();
  /** Every object ever claimed: DynamoDB keeps a released claim's item, so a later claim is not the first. */
  readonly #everClaimed = new Set<string>();
  readonly #restores = new Map<string, RestoredObject>();
  readonly #tallies = new Map<string, ReviewTally>();
  readonly #digestTurns = new Map<string, string>();
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(options: InMemoryLedgerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
  }

  async get(findingId: string): Promise<LedgerRecord | undefined> {
    return this.#copy(findingId);
  }

  async getMany(findingIds: readonly string[]): Promise<ReadonlyMap<string, LedgerRecord>> {
    const known = findingIds.flatMap((findingId) => {
      const record = this.#copy(findingId);
      return record ? [[findingId, record] as const] : [];
    });
    return new Map(known);
  }

  async begin(record: Omit<LedgerRecord, 'version' | 'updatedAt'>): Promise<BeginResult> {
    assertInitialState(record.findingId, record.state);
    const existing = this.#copy(record.findingId);
    if (existing) return { created: false, existing };
    const stored = asStored({ ...record, version: 1, updatedAt: this.#now() });
    this.#items.set(stored.findingId, itemFromRecord(stored));
    return { created: true, record: asStored(stored) };
  }

  async transition(findingId: string, transition: Transition): Promise<TransitionResult> {
    assertTransition(findingId, transition);
    const current = this.#copy(findingId);
    if (
      !current ||
      !transition.from.includes(current.state) ||
      !leaseAllows(current.lease, transition.lease) ||
      !approvalAllows(current.restoreApproval, transition.secondApprover) ||
      // A held copy stays where it is (see setLegalHold).
      current.legalHold
    ) {
      return this.#lost(findingId, transition.to, current);
    }
    const patch = patchFields(transition.patch, TRANSITION_FIELDS);
    const fields = [
      ['state', transition.to],
      ...patch,
      ['lease', leaseAfter(transition.lease)],
      // A pending approval belongs to the state it was given in.
      ['restoreApproval', undefined],
    ] as const;
    return { ok: true, record: this.#write(findingId, transition.event, fields) };
  }

  async approveRestore(findingId: string, request: ApprovalRequest): Promise<TransitionResult> {
    const current = this.#copy(findingId);
    if (!current || !request.from.includes(current.state) || current.restoreApproval) {
      return this.#lost(findingId, 'an approval', current);
    }
    const fields = [
      ['restoreApproval', request.approval] as const,
      ...(request.slack ? [['slack', request.slack] as const] : []),
    ];
    return { ok: true, record: this.#write(findingId, request.event, fields) };
  }

  async setLegalHold(findingId: string, change: LegalHoldChange): Promise<TransitionResult> {
    const current = this.#copy(findingId);
    const to = change.hold ? 'a legal hold' : 'a legal hold released';
    if (!current || !change.from.includes(current.state)) return this.#lost(findingId, to, current);
    return { ok: true, record: this.#write(findingId, change.event, [['legalHold', change.hold]]) };
  }

  #lost(findingId: string, to: string, current: LedgerRecord | undefined): TransitionResult {
    this.#logger.debug('ledger transition lost its condition', { findingId, to });
    return current ? { ok: false, current } : { ok: false };
  }

  async annotate(findingId: string, event: LedgerEvent, patch?: AnnotationPatch): Promise<LedgerRecord | undefined> {
    if (!this.#items.has(findingId)) return undefined;
    return this.#write(findingId, event, patchFields(patch, ANNOTATION_FIELDS));
  }

  async claimObject(objectIdentity: string, findingId: string): Promise<ClaimResult> {
    const owner = this.#claims.get(objectIdentity);
    if (owner !== undefined && owner !== findingId) return { claimed: false, ownerFindingId: owner };
    this.#claims.set(objectIdentity, findingId);
    const first = !this.#everClaimed.has(objectIdentity);
    this.#everClaimed.add(objectIdentity);
    return { claimed: true, first, heldBefore: owner === findingId };
  }

  async releaseObject(objectIdentity: string, findingId: string): Promise<void> {
    if (this.#claims.get(objectIdentity) === findingId) this.#claims.delete(objectIdentity);
    else this.#logger.debug('object not held by this finding', { findingId, objectIdentity });
  }

  async rememberRestore(restore: RestoredObject): Promise<void> {
    const known = this.#restores.get(restore.location);
    if (known && known.restoredAt > restore.restoredAt) return;
    this.#restores.set(restore.location, { ...restore });
  }

  async restoredObject(location: string): Promise<RestoredObject | undefined> {
    const known = this.#restores.get(location);
    return known && { ...known };
  }

  async restoredObjects(locations: readonly string[]): Promise<ReadonlyMap<string, RestoredObject>> {
    const known = locations.flatMap((location) => {
      const restore = this.#restores.get(location);
      return restore ? [[location, { ...restore }] as const] : [];
    });
    return new Map(known);
  }

  async tallyReview(window: string, group: string): Promise<ReviewTally> {
    const known = this.#tallies.get(window) ?? { count: 0, groups: {} };
    const tally = {
      ...known,
      count: known.count + 1,
      groups: { ...known.groups, [group]: (known.groups[group] ?? 0) + 1 },
    };
    this.#tallies.set(window, tally);
    return structuredClone(tally);
  }

  async keepDigest(window: string, digest: SlackMessageRef): Promise<ReviewTally> {
    const known = this.#tallies.get(window) ?? { count: 0, groups: {} };
    const { channel, ts, postedAt } = digest;
    const tally = known.digest ? known : { ...known, digest: { channel, ...(ts ? { ts } : {}), postedAt } };
    this.#tallies.set(window, tally);
    return structuredClone(tally);
  }

  async takeDigestTurn(window: string, until: string, now: string): Promise<boolean> {
    const held = this.#digestTurns.get(window);
    if (!this.#tallies.has(window) || (held !== undefined && held > now)) return false;
    this.#digestTurns.set(window, until);
    return true;
  }

  async endDigestTurn(window: string, shown: number, until: string): Promise<ReviewTally | undefined> {
    const tally = this.#tallies.get(window);
    if (!tally || tally.count === shown) {
      this.#digestTurns.delete(window);
      return undefined;
    }
    this.#digestTurns.set(window, until);
    return structuredClone(tally);
  }

  /** In insertion order (DynamoDbLedger's order is unspecified). */
  async *query(query?: LedgerQuery): AsyncIterable<LedgerRecord> {
    const filter = recordFilter(query);
    const records = [...this.#items.keys()].map((findingId) => this.#copy(findingId) as LedgerRecord);
    for (const record of records.filter((r) => matchesFilter(r, filter))) yield record;
  }

  async *verifyHistories(): AsyncIterable<HistoryVerdict> {
    for await (const item of this.storedHistories()) yield verifyHistory(item);
  }

  async *storedHistories(): AsyncIterable<StoredHistory> {
    for (const item of this.#items.values()) yield structuredClone(item);
  }

  /** Appends the event hashed onto the stored chain; JSON drops the fields set to undefined, as DynamoDB would. */
  #write(
    findingId: string,
    event: LedgerEvent,
    fields: readonly (readonly [PatchField | 'state' | 'lease' | 'restoreApproval' | 'legalHold', unknown])[],
  ): LedgerRecord {
    const item = this.#items.get(findingId) as Item;
    const link = nextLink(findingId, item, event);
    const next: Item = JSON.parse(
      JSON.stringify({
        ...item,
        ...Object.fromEntries(fields),
        updatedAt: this.#now(),
        version: Number(item.version) + 1,
        history: [...(item.history as unknown[]), link.event],
        chain: link.chain,
      }),
    );
    const record = recordFromStored(next);
    this.#items.set(findingId, next);
    return record;
  }

  /** A deep copy, so callers cannot change what is stored. */
  #copy(findingId: string): LedgerRecord | undefined {
    const item = this.#items.get(findingId);
    return item && recordFromStored(structuredClone(item));
  }

  #now(): string {
    return this.#clock().toISOString();
  }
}

export type { InMemoryLedgerOptions };
export { InMemoryLedger };
