import { CreateBucketCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { archiveChanges } from '../../../core/audit/archive-changes';
import { S3AuditArchive } from '../../../core/audit/S3AuditArchive';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { silentLogger } from '../../../core/logger';
import type { LedgerRecord } from '../../../core/types/ledger';
import { motoDynamo, motoS3, uniqueName } from '../../support/aws';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Commands: audit --from-archive', () => {
  let stack: CliStack;
  let auditBucket: string;
  const archived = (...args: string[]) =>
    stack.run(['audit', '--from-archive', ...args], { env: { MACIE_REMEDIATE_AUDIT_BUCKET: auditBucket } });

  beforeAll(async () => {
    stack = await startCliStack();
    await stack.seed(1, 'SensitiveData:S3Object/Financial', {
      prefix: 'fin',
      start: Date.parse('2026-10-01T00:00:00Z'),
    });
    await stack.seed(1, 'SensitiveData:S3Object/Personal', {
      prefix: 'per',
      start: Date.parse('2026-10-02T00:00:00Z'),
    });
    expect((await stack.run(['backfill'])).code).toBe(0);

    // The archive as the archiver writes it from the stream: here from the ledger's records, in two batches
    // that overlap (a batch split and retried archives some events twice).
    const s3 = motoS3();
    auditBucket = uniqueName('audit');
    await s3.send(new CreateBucketCommand({ Bucket: auditBucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: auditBucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
        },
      }),
    );
    const ledger = new DynamoDbLedger({
      dynamo: motoDynamo(),
      tableName: stack.env.MACIE_REMEDIATE_LEDGER_TABLE as string,
    });
    const records: LedgerRecord[] = [];
    for await (const record of ledger.query()) records.push(record);
    const changes = records.map((record, i) => ({ sequenceNumber: String(i), newItem: { ...record } }));
    const deps = { archive: new S3AuditArchive({ s3, bucket: auditBucket }), logger: silentLogger };
    await archiveChanges(deps, changes);
    await archiveChanges(deps, changes.slice(0, 1));
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('prints what audit prints from the ledger, each event once', async () => {
    const fromLedger = json(await stack.run(['audit', '--json']));
    const run = await archived('--json');

    expect(run.code).toBe(0);
    expect(fromLedger.length).toBeGreaterThan(2);
    expect(json(run)).toEqual(fromLedger);
  });

  it('bounds the events by --since and --until as audit does', async () => {
    const fromLedger = json(await stack.run(['audit', '--json']));
    const second = fromLedger[1].time;
    const last = fromLedger[fromLedger.length - 1].time;

    expect(json(await archived('--json', '--since', second, '--until', last))).toEqual(
      json(await stack.run(['audit', '--json', '--since', second, '--until', last])),
    );
    expect(json(await archived('--json', '--until', '2020-01-01'))).toEqual([]);
  });

  it('without an audit bucket: exit 2, one line', async () => {
    const run = await stack.run(['audit', '--from-archive']);

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: Invalid configuration: audit bucket is not set: deploy the stack, or set MACIE_REMEDIATE_AUDIT_BUCKET\n',
    });
  });
});
