import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectLockConfigurationCommand,
} from '@aws-sdk/client-s3';
import { buildArchiveDeps } from '../../core/compose/archive-deps';
import { DynamoDbLedger } from '../../core/ledger/DynamoDbLedger';
import { createAuditArchiver } from '../../lambda/factories/audit-archiver';
import { motoDynamo, motoS3, uniqueName } from '../support/aws';
import { testRecord } from '../support/ledger-records';
import { createStreamedLedgerTable, streamEvent } from '../support/ledger-stream';

const s3 = motoS3();
const dynamo = motoDynamo();

/** An audit bucket as the stack makes it: Object Lock on at creation, COMPLIANCE by default. */
async function createAuditBucket(): Promise<string> {
  const bucket = uniqueName('audit');
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
      },
    }),
  );
  return bucket;
}

async function versionsOf(bucket: string) {
  const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return (listed.Versions ?? []).map((v) => ({ key: v.Key as string, versionId: v.VersionId as string }));
}

async function linesOf(bucket: string, key: string): Promise<Record<string, unknown>[]> {
  const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  return (body ?? '')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Two findings, three history events over two days, written through the real ledger; the stream's records. */
async function ledgerWithHistory() {
  const table = uniqueName('ledger');
  const streamArn = await createStreamedLedgerTable(dynamo, table);
  const ledger = new DynamoDbLedger({ dynamo, tableName: table });
  await ledger.begin(testRecord('f-one'));
  await ledger.annotate('f-one', { at: '2026-11-28T08:00:00.000Z', actor: 'cli:alice', action: 'note', detail: 'why' });
  await ledger.begin(
    testRecord('f-two', { history: [{ at: '2026-11-28T09:00:00.000Z', actor: 'auto', action: 'received' }] }),
  );
  return streamEvent(streamArn);
}

describe('the audit archiver, fed the ledger stream moto recorded', () => {
  it('writes each appended history event once, as JSON lines per day, with its finding and place in the history', async () => {
    const bucket = await createAuditBucket();
    const archiver = createAuditArchiver(buildArchiveDeps({ settings: { auditBucket: bucket }, s3 }));

    expect(await archiver(await ledgerWithHistory())).toEqual({ batchItemFailures: [] });

    const [day1, day2, ...more] = (await versionsOf(bucket)).map((v) => v.key).sort();
    expect(more).toEqual([]);
    expect([day1, day2]).toEqual([
      expect.stringMatching(/^audit\/2026\/11\/27\/[0-9a-f]{32}\.jsonl$/),
      expect.stringMatching(/^audit\/2026\/11\/28\/[0-9a-f]{32}\.jsonl$/),
    ]);
    expect(await linesOf(bucket, day1 as string)).toEqual([
      {
        findingId: 'f-one',
        index: 0,
        findingType: 'SensitiveData:S3Object/Financial',
        severity: 'High',
        bucket: 'payroll-exports',
        key: testRecord('f-one').source.key,
        // With its link in the finding's hash chain: the archive can be checked against the ledger.
        event: {
          at: '2026-11-27T10:00:00.000Z',
          actor: 'auto',
          action: 'received',
          detail: 'type is set to REVIEW',
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      },
    ]);
    expect(
      (await linesOf(bucket, day2 as string)).map((l) => [
        l.findingId,
        l.index,
        (l.event as { action: string }).action,
      ]),
    ).toEqual([
      ['f-one', 1, 'note'],
      ['f-two', 0, 'received'],
    ]);
  });

  it('writes a batch delivered again to the same keys, adding no second version', async () => {
    const bucket = await createAuditBucket();
    const archiver = createAuditArchiver(buildArchiveDeps({ settings: { auditBucket: bucket }, s3 }));
    const event = await ledgerWithHistory();

    await archiver(event);
    const first = await versionsOf(bucket);
    expect(await archiver(event)).toEqual({ batchItemFailures: [] });

    expect(await versionsOf(bucket)).toEqual(first);
  });

  it('leaves archived events undeletable before their retention ends (Object Lock)', async () => {
    const bucket = await createAuditBucket();
    await createAuditArchiver(buildArchiveDeps({ settings: { auditBucket: bucket }, s3 }))(await ledgerWithHistory());
    const [archived] = await versionsOf(bucket);
    if (!archived) throw new Error('nothing archived');

    await expect(
      s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: archived.key, VersionId: archived.versionId })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(await linesOf(bucket, archived.key)).not.toHaveLength(0);
  });

  it('reports the batch from its first record when the archive cannot be written, so Lambda retries it', async () => {
    const event = await ledgerWithHistory();
    const archiver = createAuditArchiver(buildArchiveDeps({ settings: { auditBucket: uniqueName('missing') }, s3 }));

    expect(await archiver(event)).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.dynamodb?.SequenceNumber }],
    });
  });
});
