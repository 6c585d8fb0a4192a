import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  type ScanCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { RemediateError } from '../errors';
import { silentLogger, systemClock } from '../logger';
import type {
  HistoryVerdict,
  LedgerEvent,
  LedgerRecord,
  LedgerState,
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
import { approvalConditionExpression } from './approval-condition';
import { ChainBases, type ChainBasis } from './chain-bases';
import { assertInitialState, assertTransition } from './finding-state';
import { linkAfter } from './history-chain';
import { leaseAfter, leaseConditionExpression } from './lease-condition';
import {
  ANNOTATION_FIELDS,
  asStored,
  claimKey,
  itemFromRecord,
  type PatchField,
  patchFields,
  recordFromItem,
  SCHEMA_VERSION,
  TRANSITION_FIELDS,
} from './ledger-item';
import { recordFilter } from './record-filter';
import { itemFromRestore, RESTORE_ITEM_TYPE, restoreFromItem, restoreKey } from './restore-item';
import { groupAttribute, TALLY_ITEM_TYPE, tallyFromItem, tallyKey } from './review-tally-item';
import { scanFilter } from './scan-filter';
import { sdkErrorName } from './sdk-error-name';
import { isFindingKey, verifyHistory } from './verify-history';

interface DynamoDbLedgerOptions {
  readonly dynamo: DynamoDBClient;
  /** Partition key `findingId` (S), no sort key: see createLedgerTable. */
  readonly tableName: string;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default silent */
  readonly logger?: Logger;
  /** Items read per Scan request. @default DynamoDB's 1 MB pages */
  readonly scanPageSize?: number;
}

type Item = Record<string, unknown>;

/** What a history-appending write changes besides the history, and on which condition. */
interface Change {
  readonly set: readonly (readonly [PatchField | 'state' | 'lease' | 'restoreApproval' | 'legalHold', unknown])[];
  readonly remove?: readonly ('lease' | 'restoreApproval' | 'legalHold')[];
  readonly condition: string;
  readonly names?: Record<string, string>;
  readonly values: Item;
}

/** BatchGetItem's most keys in one request, and how often keys it left unprocessed are asked for. */
const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 6;
const CONDITION_FAILED = Symbol('condition failed');

/** `:from0`, `:from1`, …: the states a conditional write may start from, as expression values. */
const stateValues = (states: readonly LedgerState[]): Item =>
  Object.fromEntries(states.map((state, i) => [`:from${i}`, state]));
const CLAIM_ITEM_TYPE = 'OBJECT_CLAIM';

/**
 * The ledger on DynamoDB, using only single-item conditional writes (no transactions), so it runs on
 * DynamoDB, moto and dynalite alike. A failed condition is re-read with a consistent GetItem rather
 * than taken from ReturnValuesOnConditionCheckFailure, which dynalite ignores.
 *
 * Object claims live in the same table as items keyed `object#<identity>` with an `owner` (none once
 * released) and no `state`, which is how queries leave them out.
 */
class DynamoDbLedger implements Ledger {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #scanPageSize: number | undefined;
  readonly #bases = new ChainBases();

  constructor(options: DynamoDbLedgerOptions) {
    this.#doc = DynamoDBDocumentClient.from(options.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    this.#table = options.tableName;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#scanPageSize = options.scanPageSize;
  }

  async get(findingId: string): Promise<LedgerRecord | undefined> {
    const item = await this.#readFinding(findingId);
    return item && this.#record(findingId, item);
  }

  async getMany(findingIds: readonly string[]): Promise<ReadonlyMap<string, LedgerRecord>> {
    const records = new Map<string, LedgerRecord>();
    for (const item of await this.#readAll(findingIds)) {
      const findingId = String(item.findingId);
      const record = this.#record(findingId, item);
      if (!record) continue;
      this.#bases.remember(findingId, item);
      records.set(findingId, record);
    }
    return records;
  }

  async begin(record: Omit<LedgerRecord, 'version' | 'updatedAt'>): Promise<BeginResult> {
    assertInitialState(record.findingId, record.state);
    const stored = asStored({ ...record, version: 1, updatedAt: this.#now() });
    const item = itemFromRecord(stored);
    const put = await this.#conditional('PutItem', record.findingId, () =>
      this.#doc.send(
        new PutCommand({ TableName: this.#table, Item: item, ConditionExpression: 'attribute_not_exists(findingId)' }),
      ),
    );
    if (put !== CONDITION_FAILED) {
      this.#bases.remember(record.findingId, item);
      return { created: true, record: stored };
    }
    const existing = await this.get(record.findingId);
    if (!existing) {
      throw new RemediateError('INTERNAL', `ledger key ${record.findingId} is taken by an item that is no record`, {
        context: { findingId: record.findingId },
      });
    }
    return { created: false, existing };
  }

  async transition(findingId: string, transition: Transition): Promise<TransitionResult> {
    assertTransition(findingId, transition);
    const from = stateValues(transition.from);
    const lease = leaseConditionExpression(transition.lease);
    const approval = approvalConditionExpression(transition.secondApprover);
    const taken = leaseAfter(transition.lease);
    const updated = await this.#update(findingId, transition.event, {
      set: [
        ['state', transition.to],
        ...patchFields(transition.patch, TRANSITION_FIELDS),
        ...(taken ? [['lease', taken] as const] : []),
      ],
      // A pending approval belongs to the state it was given in.
      remove: [...(taken ? [] : ['lease' as const]), 'restoreApproval'],
      // A held copy stays where it is (see setLegalHold).
      condition: `#state IN (${Object.keys(from).join(', ')}) AND attribute_not_exists(#legalHold)${lease.condition}${approval.condition}`,
      names: { '#legalHold': 'legalHold', ...lease.names, ...approval.names },
      values: { ...from, ...lease.values, ...approval.values },
    });
    return this.#changed(findingId, updated, transition.to);
  }

  async approveRestore(findingId: string, request: ApprovalRequest): Promise<TransitionResult> {
    const from = stateValues(request.from);
    const updated = await this.#update(findingId, request.event, {
      set: [['restoreApproval', request.approval], ...(request.slack ? [['slack', request.slack] as const] : [])],
      condition: `#state IN (${Object.keys(from).join(', ')}) AND attribute_not_exists(#restoreApproval)`,
      names: { '#restoreApproval': 'restoreApproval' },
      values: from,
    });
    return this.#changed(findingId, updated, 'an approval');
  }

  async setLegalHold(findingId: string, change: LegalHoldChange): Promise<TransitionResult> {
    const from = stateValues(change.from);
    const updated = await this.#update(findingId, change.event, {
      set: change.hold ? [['legalHold', change.hold]] : [],
      ...(change.hold ? {} : { remove: ['legalHold' as const] }),
      condition: `#state IN (${Object.keys(from).join(', ')})`,
      values: from,
    });
    return this.#changed(findingId, updated, change.hold ? 'a legal hold' : 'a legal hold released');
  }

  /** A conditional write's result: the record it wrote, or the record as it is when the condition failed. */
  async #changed(findingId: string, updated: LedgerRecord | undefined, to: string): Promise<TransitionResult> {
    if (updated) return { ok: true, record: updated };
    this.#logger.debug('ledger transition lost its condition', { findingId, to });
    const current = await this.get(findingId);
    return current ? { ok: false, current } : { ok: false };
  }

  async annotate(findingId: string, event: LedgerEvent, patch?: AnnotationPatch): Promise<LedgerRecord | undefined> {
    return this.#update(findingId, event, {
      set: patchFields(patch, ANNOTATION_FIELDS),
      condition: 'attribute_exists(#state)',
      values: {},
    });
  }

  async claimObject(objectIdentity: string, findingId: string): Promise<ClaimResult> {
    const key = claimKey(objectIdentity);
    const put = await this.#conditional('PutItem', findingId, () =>
      this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            findingId: key,
            itemType: CLAIM_ITEM_TYPE,
            owner: findingId,
            objectIdentity,
            claimedAt: this.#now(),
            schemaVersion: SCHEMA_VERSION,
          },
          // Re-claiming one's own object succeeds, so a redelivered event finds its claim in place; a
          // released claim keeps its item, without an owner.
          ConditionExpression: 'attribute_not_exists(#owner) OR #owner = :me',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':me': findingId },
          // The item it replaces, if any: none means no finding ever claimed the object.
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    if (put !== CONDITION_FAILED) {
      return { claimed: true, first: put.Attributes === undefined, heldBefore: put.Attributes?.owner === findingId };
    }
    const owner = (await this.#read(key))?.owner;
    return typeof owner === 'string' ? { claimed: false, ownerFindingId: owner } : { claimed: false };
  }

  /**
   * Lets go of the claim by removing its owner, not the item: the doors hold no DeleteItem on the ledger
   * table, so no door can delete a finding's record (and its history) either.
   */
  async releaseObject(objectIdentity: string, findingId: string): Promise<void> {
    const released = await this.#conditional('UpdateItem', findingId, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: claimKey(objectIdentity) },
          UpdateExpression: 'SET #releasedAt = :now REMOVE #owner',
          ConditionExpression: '#owner = :me',
          ExpressionAttributeNames: { '#owner': 'owner', '#releasedAt': 'releasedAt' },
          ExpressionAttributeValues: { ':me': findingId, ':now': this.#now() },
        }),
      ),
    );
    if (released === CONDITION_FAILED)
      this.#logger.debug('object not held by this finding', { findingId, objectIdentity });
  }

  async rememberRestore(restore: RestoredObject): Promise<void> {
    const put = await this.#conditional('PutItem', restore.findingId, () =>
      this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: itemFromRestore(restore, SCHEMA_VERSION),
          // Two restores of one object may be recorded out of order: the later restore stays.
          ConditionExpression: 'attribute_not_exists(findingId) OR #restoredAt <= :at',
          ExpressionAttributeNames: { '#restoredAt': 'restoredAt' },
          ExpressionAttributeValues: { ':at': restore.restoredAt },
        }),
      ),
    );
    if (put === CONDITION_FAILED)
      this.#logger.debug('a later restore of this object is already recorded', { findingId: restore.findingId });
  }

  async restoredObject(location: string): Promise<RestoredObject | undefined> {
    const item = await this.#read(restoreKey(location));
    return item && restoreFromItem(item);
  }

  async restoredObjects(locations: readonly string[]): Promise<ReadonlyMap<string, RestoredObject>> {
    const restores = new Map<string, RestoredObject>();
    for (const item of await this.#readAll(locations.map(restoreKey))) {
      const restore = restoreFromItem(item);
      if (restore) restores.set(restore.location, restore);
    }
    return restores;
  }

  async tallyReview(window: string, group: string): Promise<ReviewTally> {
    const updated = await this.#call('UpdateItem', undefined, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: tallyKey(window) },
          UpdateExpression: 'SET #itemType = :type, #schemaVersion = :schema ADD #count :one, #group :one',
          ExpressionAttributeNames: {
            '#itemType': 'itemType',
            '#schemaVersion': 'schemaVersion',
            '#count': 'count',
            '#group': groupAttribute(group),
          },
          ExpressionAttributeValues: { ':type': TALLY_ITEM_TYPE, ':schema': SCHEMA_VERSION, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return tallyFromItem(updated.Attributes ?? {});
  }

  async keepDigest(window: string, digest: SlackMessageRef): Promise<ReviewTally> {
    const { channel, ts, postedAt } = digest;
    const updated = await this.#call('UpdateItem', undefined, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: tallyKey(window) },
          UpdateExpression: 'SET #digest = if_not_exists(#digest, :digest)',
          ExpressionAttributeNames: { '#digest': 'digest' },
          ExpressionAttributeValues: { ':digest': { channel, ...(ts ? { ts } : {}), postedAt } },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return tallyFromItem(updated.Attributes ?? {});
  }

  async takeDigestTurn(window: string, until: string, now: string): Promise<boolean> {
    const taken = await this.#conditional('UpdateItem', window, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: tallyKey(window) },
          UpdateExpression: 'SET #turn = :until',
          ConditionExpression: 'attribute_exists(#count) AND (attribute_not_exists(#turn) OR #turn <= :now)',
          ExpressionAttributeNames: { '#turn': 'digestTurnUntil', '#count': 'count' },
          ExpressionAttributeValues: { ':until': until, ':now': now },
        }),
      ),
    );
    return taken !== CONDITION_FAILED;
  }

  async endDigestTurn(window: string, shown: number, until: string): Promise<ReviewTally | undefined> {
    const key = tallyKey(window);
    const ended = await this.#conditional('UpdateItem', window, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: key },
          UpdateExpression: 'REMOVE #turn',
          ConditionExpression: '#count = :shown',
          ExpressionAttributeNames: { '#turn': 'digestTurnUntil', '#count': 'count' },
          ExpressionAttributeValues: { ':shown': shown },
        }),
      ),
    );
    if (ended !== CONDITION_FAILED) return undefined;
    const renewed = await this.#call('UpdateItem', window, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: key },
          UpdateExpression: 'SET #turn = :until',
          ExpressionAttributeNames: { '#turn': 'digestTurnUntil' },
          ExpressionAttributeValues: { ':until': until },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return tallyFromItem(renewed.Attributes ?? {});
  }

  /** A consistent Scan (the table is keyed by finding id only), unordered; object claims are left out. */
  async *query(query?: LedgerQuery): AsyncIterable<LedgerRecord> {
    for await (const item of this.#scan(scanFilter(recordFilter(query)))) {
      const read = recordFromItem(item);
      if ('record' in read) yield read.record;
      else this.#logger.warn('skipping unreadable ledger record', { findingId: item.findingId, problem: read.problem });
    }
  }

  async *verifyHistories(): AsyncIterable<HistoryVerdict> {
    for await (const item of this.storedHistories()) yield verifyHistory(item);
  }

  /** Every item not of another kind, whatever it holds: an item an edit made unreadable is still read. */
  async *storedHistories(): AsyncIterable<StoredHistory> {
    const projection = {
      ProjectionExpression: '#findingId, #history, #chain',
      ExpressionAttributeNames: { '#findingId': 'findingId', '#history': 'history', '#chain': 'chain' },
    };
    for await (const item of this.#scan(projection)) {
      if (isFindingKey(String(item.findingId))) yield item;
    }
  }

  async *#scan(
    params: Pick<
      ScanCommandInput,
      'FilterExpression' | 'ProjectionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): AsyncIterable<Item> {
    let startKey: Item | undefined;
    do {
      const page = await this.#call('Scan', undefined, () =>
        this.#doc.send(
          new ScanCommand({
            TableName: this.#table,
            ConsistentRead: true,
            ...params,
            ...(this.#scanPageSize ? { Limit: this.#scanPageSize } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Appends the event, bumps `version` and sets `updatedAt` plus the given fields, in one conditional
   * UpdateItem. The event is hashed onto the chain of the item as this process last wrote or read it
   * (core/ledger/chain-bases; read now when it has not), so the write is also conditioned on that
   * `version`: an append landing in between bumps it, and this one is hashed again onto the item as it is
   * now and retried; two events chained to one predecessor never both land.
   * @returns the updated record, or `undefined` when the change's own condition failed (or the record is missing).
   */
  async #update(findingId: string, event: LedgerEvent, change: Change): Promise<LedgerRecord | undefined> {
    let basis = this.#bases.get(findingId) ?? (await this.#readBasis(findingId));
    while (basis) {
      const updated = await this.#append(findingId, basis, event, change);
      if (updated !== CONDITION_FAILED) {
        const item = updated.Attributes ?? {};
        this.#bases.remember(findingId, item);
        return this.#record(findingId, item);
      }
      const latest = await this.#readBasis(findingId);
      if (latest?.version === basis.version) return undefined;
      basis = latest;
    }
    return undefined;
  }

  /** `if_not_exists` lets it extend records written before `version`/`history` existed. */
  async #append(findingId: string, basis: ChainBasis, event: LedgerEvent, change: Change) {
    const link = linkAfter(basis.chain, event);
    const names: Record<string, string> = {
      ...change.names,
      '#state': 'state',
      '#updatedAt': 'updatedAt',
      '#version': 'version',
      '#history': 'history',
      '#chain': 'chain',
    };
    const values: Item = {
      ...change.values,
      ':now': this.#now(),
      ':zero': 0,
      ':one': 1,
      ':empty': [],
      ':event': [link.event],
      ':chain': link.chain,
    };
    const assignments = [
      '#updatedAt = :now',
      '#version = if_not_exists(#version, :zero) + :one',
      '#history = list_append(if_not_exists(#history, :empty), :event)',
      '#chain = :chain',
    ];
    let read = 'attribute_not_exists(#version)';
    if (basis.version !== undefined) {
      values[':read'] = basis.version;
      read = '#version = :read';
    }
    for (const [field, value] of change.set) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      assignments.push(`#${field} = :${field}`);
    }
    for (const field of change.remove ?? []) names[`#${field}`] = field;
    const removals = change.remove?.length ? ` REMOVE ${change.remove.map((f) => `#${f}`).join(', ')}` : '';
    return this.#conditional('UpdateItem', findingId, () =>
      this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId },
          UpdateExpression: `SET ${assignments.join(', ')}${removals}`,
          ConditionExpression: `(${change.condition}) AND ${read}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
  }

  /** A finding's item, its basis remembered for the next append. */
  async #readFinding(findingId: string): Promise<Item | undefined> {
    const item = await this.#read(findingId);
    if (item) this.#bases.remember(findingId, item);
    return item;
  }

  async #readBasis(findingId: string): Promise<ChainBasis | undefined> {
    const item = await this.#read(findingId);
    return item && this.#bases.remember(findingId, item);
  }

  async #read(key: string): Promise<Item | undefined> {
    const got = await this.#call('GetItem', key, () =>
      this.#doc.send(new GetCommand({ TableName: this.#table, Key: { findingId: key }, ConsistentRead: true })),
    );
    return got.Item;
  }

  /** Consistent reads of any number of keys, 100 a BatchGetItem, one request after the other. */
  async #readAll(keys: readonly string[]): Promise<Item[]> {
    const unique = [...new Set(keys)];
    const items: Item[] = [];
    for (let at = 0; at < unique.length; at += BATCH_GET_LIMIT) {
      items.push(...(await this.#readMany(unique.slice(at, at + BATCH_GET_LIMIT))));
    }
    return items;
  }

  /**
   * Consistent reads of up to 100 keys in one BatchGetItem; the keys DynamoDB leaves unprocessed (throttled) are
   * asked again, after a pause that doubles, a few times.
   */
  async #readMany(keys: readonly string[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Record<string, unknown>[] = keys.map((findingId) => ({ findingId }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_GET_ATTEMPTS) {
        throw this.#failure('BatchGetItem', undefined, new Error(`${pending.length} keys still unprocessed`));
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const got = await this.#call('BatchGetItem', undefined, () =>
        this.#doc.send(
          new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: pending, ConsistentRead: true } } }),
        ),
      );
      items.push(...(got.Responses?.[this.#table] ?? []));
      pending = got.UnprocessedKeys?.[this.#table]?.Keys ?? [];
    }
    return items;
  }

  /** A stored item as a record; an object claim is no record. */
  #record(findingId: string, item: Item): LedgerRecord | undefined {
    if ([CLAIM_ITEM_TYPE, RESTORE_ITEM_TYPE, TALLY_ITEM_TYPE].includes(String(item.itemType))) return undefined;
    const read = recordFromItem(item);
    if ('record' in read) return read.record;
    throw new RemediateError('INTERNAL', `ledger record ${findingId} is unreadable: ${read.problem}`, {
      context: { findingId },
    });
  }

  /** A failed condition becomes {@link CONDITION_FAILED}; it never leaves this class as an SDK error. */
  async #conditional<T>(
    operation: string,
    findingId: string,
    request: () => Promise<T>,
  ): Promise<T | typeof CONDITION_FAILED> {
    try {
      return await request();
    } catch (err) {
      if (sdkErrorName(err) === 'ConditionalCheckFailedException') return CONDITION_FAILED;
      throw this.#failure(operation, findingId, err);
    }
  }

  async #call<T>(operation: string, findingId: string | undefined, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.#failure(operation, findingId, err);
    }
  }

  #failure(operation: string, findingId: string | undefined, err: unknown): RemediateError {
    const reason = err instanceof Error ? err.message : String(err);
    return new RemediateError('INTERNAL', `ledger table ${this.#table}: ${operation} failed: ${reason}`, {
      cause: err,
      context: findingId === undefined ? {} : { findingId },
    });
  }

  #now(): string {
    return this.#clock().toISOString();
  }
}

export type { DynamoDbLedgerOptions };
export { DynamoDbLedger };
