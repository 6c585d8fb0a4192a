import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { dynamoClientConfig, s3ClientConfig } from '../../../core/aws/aws-client-config';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { motoUrl, testCredentials, uniqueName } from '../../support/aws';
import { failOn } from '../../support/fault-injection';
import { testRecord } from '../../support/ledger-records';
import { createBucket, findingId, newEngine, putObject, readText, target } from '../quarantine/support/s3-fixtures';

/**
 * The clients as the CLI and the Lambdas build them (adaptive retry, the SDK's default attempts per
 * service: three for S3, four for DynamoDB),
 * pointed at moto; the faults sit below the SDK's retry middleware, so every attempt meets them. The
 * backoff is the SDK's own: a throttled call waits up to a second or two before its retry.
 */
const settings = () => ({ region: 'us-east-1', endpointUrl: motoUrl() });
const BODY = 'name,iban\nAda,DE89370400440532013000\n';
const SLOW_DOWN = { name: 'SlowDown', status: 503, message: 'Please reduce your request rate.' };

describe('production retry settings (moto)', () => {
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let quarantineBucket: string;

  beforeAll(async () => {
    s3 = new S3Client({ ...s3ClientConfig(settings(), {}), credentials: testCredentials });
    dynamo = new DynamoDBClient({ ...dynamoClientConfig(settings()), credentials: testCredentials });
    quarantineBucket = await createBucket(s3, 'quarantine', true);
  });
  afterAll(() => {
    s3.destroy();
    dynamo.destroy();
  });

  describe('S3 503 SlowDown', () => {
    it.each([
      ['CopyObjectCommand', 'the copy'],
      ['DeleteObjectCommand', 'the source delete'],
    ])('a move whose %s (%s) is slowed down twice still ends QUARANTINED', async (command) => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'people.csv', BODY);
      const id = findingId();
      const fault = failOn(s3, { command, times: 2, error: SLOW_DOWN });

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(target(id, bucket, 'people.csv'));
      fault.remove();

      // Assess
      expect(fault.injected).toBe(2);
      expect(result.outcome).toBe('QUARANTINED');
      expect(await readText(s3, bucket, 'people.csv')).toBeUndefined();
      expect(await readText(s3, quarantineBucket, `${id}/${bucket}/people.csv`)).toBe(BODY);
    });

    it('a SlowDown that never clears ends FAILED after the SDK attempts, the source untouched', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'people.csv', BODY);
      const fault = failOn(s3, {
        command: 'DeleteObjectCommand',
        match: (input) => input.Bucket === bucket,
        times: Number.POSITIVE_INFINITY,
        error: SLOW_DOWN,
      });

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'people.csv'));
      fault.remove();

      // Assess
      expect(fault.injected).toBe(await s3.config.maxAttempts());
      expect(result).toMatchObject({ outcome: 'FAILED', step: 'delete', reason: expect.stringContaining('SlowDown') });
      expect(await readText(s3, bucket, 'people.csv')).toBe(BODY);
    });
  });

  describe('DynamoDB throttling', () => {
    let ledger: DynamoDbLedger;

    beforeAll(async () => {
      const tableName = uniqueName('ledger');
      await createLedgerTable(dynamo, tableName);
      ledger = new DynamoDbLedger({ dynamo, tableName });
    });

    it.each([
      ['ProvisionedThroughputExceededException', 400],
      ['ThrottlingException', 400],
    ])('a ledger write throttled twice (%s) succeeds on retry', async (name, status) => {
      // Prepare
      const id = uniqueName('finding');
      const fault = failOn(dynamo, { command: 'PutItemCommand', times: 2, error: { name, status } });

      // Act
      const begun = await ledger.begin(testRecord(id));
      fault.remove();

      // Assess
      expect(fault.injected).toBe(2);
      expect(begun.created).toBe(true);
      expect((await ledger.get(id))?.state).toBe(testRecord(id).state);
    });

    it('a throttle that never clears fails the write (an error, not a hang) after the SDK attempts, nothing written', async () => {
      // Prepare
      const id = uniqueName('finding');
      const fault = failOn(dynamo, {
        command: 'PutItemCommand',
        times: Number.POSITIVE_INFINITY,
        error: { name: 'ProvisionedThroughputExceededException', status: 400 },
      });

      // Act
      const failure = await ledger.begin(testRecord(id)).catch((err: unknown) => err);
      fault.remove();

      // Assess
      expect(failure).toMatchObject({
        message: expect.stringContaining('PutItem failed'),
        cause: { name: 'ProvisionedThroughputExceededException' },
      });
      expect(fault.injected).toBe(await dynamo.config.maxAttempts());
      expect(await ledger.get(id)).toBeUndefined();
    });
  });
});
