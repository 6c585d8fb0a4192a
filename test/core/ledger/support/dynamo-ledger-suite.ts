import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RemediateError } from '../../../../core/errors';
import { createLedgerTable } from '../../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../../core/ledger/DynamoDbLedger';
import { claimKey } from '../../../../core/ledger/ledger-item';
import type { HistoryVerdict } from '../../../../core/types/ledger';
import { uniqueName } from '../../../support/aws';
import { collect } from '../../../support/ledger-contract';
import { steppingClock, testRecord } from '../../../support/ledger-records';
import { type RecordingLogger, recordingLogger } from '../../../support/recording-logger';

/** An item as the first, unversioned release would have written it: no schemaVersion, version or history. */
const collectVerdicts = async (ledger: DynamoDbLedger): Promise<HistoryVerdict[]> => {
  const verdicts: HistoryVerdict[] = [];
  for await (const verdict of ledger.verifyHistories()) verdicts.push(verdict);
  return verdicts;
};

const legacyItem = {
  findingId: 'f-legacy',
  state: 'AWAITING_REVIEW',
  objectIdentity: '111122223333/eu-west-1/bucket/old.csv#',
  findingType: 'SensitiveData:S3Object/Personal',
  severity: 'Low',
  source: { bucket: 'bucket', key: 'old.csv' },
  decision: 'REVIEW',
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** What only the DynamoDB ledger has: the stored form, old and future items, SDK errors, the table. */
function describeDynamoLedgerStorage(name: string, dynamo: () => DynamoDBClient): void {
  describe(`DynamoDbLedger storage: ${name}`, () => {
    let tableName: string;
    let ledger: DynamoDbLedger;
    let log: RecordingLogger;

    const raw = () => DynamoDBDocumentClient.from(dynamo());
    const rawGet = async (findingId: string) =>
      (await raw().send(new GetCommand({ TableName: tableName, Key: { findingId }, ConsistentRead: true }))).Item;
    const rawPut = (item: Record<string, unknown>) => raw().send(new PutCommand({ TableName: tableName, Item: item }));

    beforeEach(async () => {
      tableName = uniqueName('ledger');
      await createLedgerTable(dynamo(), tableName);
      log = recordingLogger();
      ledger = new DynamoDbLedger({
        dynamo: dynamo(),
        tableName,
        clock: steppingClock(),
        logger: log.logger,
        scanPageSize: 5,
      });
    });

    it('stores a record under its finding id, with a schema version', async () => {
      // Act
      await ledger.begin(testRecord('f-stored'));

      // Assess
      expect(await rawGet('f-stored')).toMatchObject({ findingId: 'f-stored', schemaVersion: 2, version: 1 });
    });

    it('reads and extends an item an earlier version wrote without version, history or schemaVersion', async () => {
      // Prepare
      await rawPut(legacyItem);

      // Act
      const read = await ledger.get('f-legacy');
      const moved = await ledger.transition('f-legacy', {
        from: ['AWAITING_REVIEW'],
        to: 'DISMISSED',
        event: { at: '2026-11-27T12:00:00.000Z', actor: 'slack:U1', action: 'dismiss-requested' },
      });

      // Assess
      expect(read).toStrictEqual({ ...legacyItem, version: 0, updatedAt: legacyItem.createdAt, history: [] });
      expect(moved).toMatchObject({
        ok: true,
        record: { state: 'DISMISSED', version: 1, history: [{ actor: 'slack:U1' }] },
      });
      expect(await collect(ledger, { states: ['DISMISSED'] })).toHaveLength(1);
    });

    it('chains the first event appended to an item written before the chain onto its history, which it then seals', async () => {
      // Prepare
      const before = { at: '2026-01-01T00:00:00.000Z', actor: 'auto', action: 'received' };
      await rawPut({ ...legacyItem, version: 1, history: [before] });
      const unchained = await collectVerdicts(ledger);

      // Act
      await ledger.annotate('f-legacy', { at: '2026-11-27T12:00:00.000Z', actor: 'system', action: 'announced' });
      const sealed = await collectVerdicts(ledger);
      const stored = await rawGet('f-legacy');
      await rawPut({ ...stored, history: [{ ...before, actor: 'cli:mallory' }, stored?.history[1]] });

      // Assess
      expect(unchained).toStrictEqual([{ findingId: 'f-legacy', status: 'unchained' }]);
      expect(sealed).toStrictEqual([{ findingId: 'f-legacy', status: 'intact' }]);
      expect(stored).toMatchObject({ history: [before, { action: 'announced', hash: expect.any(String) }] });
      expect(await collectVerdicts(ledger)).toMatchObject([{ findingId: 'f-legacy', status: 'broken' }]);
    });

    // An append is written on the item as this ledger last wrote it, unread: another process's append since
    // then fails its condition, and it lands after that one instead of beside it.
    it("appends after another process's append it did not see, chained onto it", async () => {
      // Prepare
      const other = new DynamoDbLedger({ dynamo: dynamo(), tableName, clock: steppingClock() });
      await ledger.begin(testRecord('f-two', { state: 'AWAITING_REVIEW' }));
      await other.annotate('f-two', { at: '2026-11-27T12:00:00.000Z', actor: 'system', action: 'announced' });

      // Act
      const moved = await ledger.transition('f-two', {
        from: ['AWAITING_REVIEW'],
        to: 'DISMISSED',
        event: { at: '2026-11-27T12:01:00.000Z', actor: 'slack:U1', action: 'dismissed' },
      });
      const stale = await other.transition('f-two', {
        from: ['AWAITING_REVIEW'],
        to: 'DISMISSED',
        event: { at: '2026-11-27T12:02:00.000Z', actor: 'slack:U2', action: 'dismissed' },
      });

      // Assess
      expect(moved).toMatchObject({ ok: true, record: { state: 'DISMISSED', version: 3 } });
      expect(stale).toMatchObject({ ok: false, current: { state: 'DISMISSED', version: 3 } });
      expect((await rawGet('f-two'))?.history.map((e: { action: string }) => e.action)).toEqual([
        'received',
        'announced',
        'dismissed',
      ]);
      expect(await collectVerdicts(ledger)).toStrictEqual([{ findingId: 'f-two', status: 'intact' }]);
    });

    it('releases an object claim without deleting its item, and verifies a finding an edit made unreadable', async () => {
      // Prepare
      const identity = '111122223333/eu-west-1/b/k#v';
      await ledger.begin(testRecord('f-held'));
      await ledger.claimObject(identity, 'f-held');
      const { state: _, ...held } = (await rawGet('f-held')) ?? {};
      await rawPut({ ...held, history: [] });

      // Act
      await ledger.releaseObject(identity, 'f-held');

      // Assess
      expect(await rawGet(claimKey(identity))).toMatchObject({ releasedAt: expect.any(String) });
      expect(await rawGet(claimKey(identity))).not.toHaveProperty('owner');
      expect(await ledger.claimObject(identity, 'f-next')).toStrictEqual({
        claimed: true,
        first: false,
        heldBefore: false,
      });
      expect(await collectVerdicts(ledger)).toStrictEqual([
        { findingId: 'f-held', status: 'broken', reason: '1 event(s) cut from the end' },
      ]);
    });

    it('ignores attributes a later version added, and keeps them through its own writes', async () => {
      // Prepare
      await ledger.begin(testRecord('f-future'));
      const stored = await rawGet('f-future');
      await rawPut({ ...stored, schemaVersion: 3, retention: { until: '2033-01-01' } });

      // Act
      const read = await ledger.get('f-future');
      await ledger.annotate('f-future', { at: '2026-11-27T12:00:00.000Z', actor: 'system', action: 'announced' });

      // Assess
      expect(read).not.toHaveProperty('retention');
      expect(read).not.toHaveProperty('schemaVersion');
      expect(await rawGet('f-future')).toMatchObject({
        schemaVersion: 3,
        retention: { until: '2033-01-01' },
        version: 2,
      });
    });

    it('refuses to read an item it cannot understand, and query skips it with a warning', async () => {
      // Prepare
      await ledger.begin(testRecord('f-good'));
      await rawPut({ ...legacyItem, findingId: 'f-odd', state: 'ARCHIVED_BY_A_NEWER_VERSION' });

      // Act
      const got = ledger.get('f-odd');
      await expect(got).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('state') });
      const records = await collect(ledger);

      // Assess
      expect(records.map((r) => r.findingId)).toEqual(['f-good']);
      expect(log.at('warn')).toEqual([
        {
          level: 'warn',
          message: 'skipping unreadable ledger record',
          fields: { findingId: 'f-odd', problem: expect.any(String) },
        },
      ]);
    });

    it('keeps an object claim as its own item, which is no record', async () => {
      // Act
      await ledger.claimObject('111122223333/eu-west-1/b/k#v', 'f-owner');

      // Assess
      const claim = await rawGet('object#111122223333/eu-west-1/b/k#v');
      expect(claim).toMatchObject({ owner: 'f-owner', itemType: 'OBJECT_CLAIM' });
      expect(claim).not.toHaveProperty('state');
      expect(await ledger.get('object#111122223333/eu-west-1/b/k#v')).toBeUndefined();
    });

    it('refuses to begin a record over an object claim', async () => {
      // Prepare
      await ledger.claimObject('a/b/c/d#', 'f-owner');

      // Act
      const begun = ledger.begin(testRecord('object#a/b/c/d#'));

      // Assess
      await expect(begun).rejects.toMatchObject({ code: 'INTERNAL' });
    });

    it('turns SDK errors into RemediateError, naming the table and the operation', async () => {
      // Prepare
      const missing = new DynamoDbLedger({ dynamo: dynamo(), tableName: uniqueName('absent') });

      // Act
      const got = missing.get('f-any');

      // Assess
      await expect(got).rejects.toBeInstanceOf(RemediateError);
      await expect(got).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringMatching(/ledger table absent-\w+: GetItem failed/),
        cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
      });
      await expect(collect(missing)).rejects.toMatchObject({ message: expect.stringContaining('Scan failed') });
    });

    describe('Function: createLedgerTable', () => {
      it('is idempotent', async () => {
        await expect(createLedgerTable(dynamo(), tableName)).resolves.toBeUndefined();
      });

      it('rejects an existing table with another key', async () => {
        // Prepare
        const other = uniqueName('other');
        await dynamo().send(
          new CreateTableCommand({
            TableName: other,
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );

        // Act
        const created = createLedgerTable(dynamo(), other);

        // Assess
        await expect(created).rejects.toMatchObject({ code: 'CONFIG_INVALID', source: 'user' });
      });
    });
  });
}

export { describeDynamoLedgerStorage };
