import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { ConfigError, RemediateError } from '../errors';
import { sdkErrorName } from './sdk-error-name';

interface CreateLedgerTableOptions {
  /** Pause between status checks while the table is CREATING. @default 250 */
  readonly pollMs?: number;
  /** Status checks before giving up. @default 480 (two minutes at the default pause) */
  readonly maxChecks?: number;
}

/**
 * Creates the ledger table as the public contract fixes it (partition key `findingId` (S), no sort
 * key; on-demand billing) and waits until it is ACTIVE. For tests, the local stack and benchmarks;
 * deployed stacks get theirs from infra/. Idempotent: an existing table with that key is fine.
 * @throws ConfigError when a table of that name exists with another key schema.
 */
async function createLedgerTable(
  dynamo: DynamoDBClient,
  tableName: string,
  options: CreateLedgerTableOptions = {},
): Promise<void> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'findingId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'findingId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (err) {
    if (sdkErrorName(err) !== 'ResourceInUseException') throw failure(tableName, 'CreateTable', err);
  }
  const table = await waitUntilActive(dynamo, tableName, options);
  const keys = (table.KeySchema ?? []).map((key) => `${key.AttributeName} (${key.KeyType})`);
  if (keys.length !== 1 || keys[0] !== 'findingId (HASH)') {
    throw new ConfigError([
      `ledger table ${tableName} is keyed by ${keys.join(', ')}; the ledger needs the partition key findingId only`,
    ]);
  }
}

async function waitUntilActive(
  dynamo: DynamoDBClient,
  tableName: string,
  { pollMs = 250, maxChecks = 480 }: CreateLedgerTableOptions,
): Promise<TableDescription> {
  for (let check = 1; ; check++) {
    try {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return Table;
    } catch (err) {
      // A table just created may not be visible yet.
      if (sdkErrorName(err) !== 'ResourceNotFoundException') throw failure(tableName, 'DescribeTable', err);
    }
    if (check >= maxChecks) {
      throw new RemediateError('INTERNAL', `ledger table ${tableName} is still not ACTIVE after ${check} checks`);
    }
    await sleep(pollMs);
  }
}

function failure(tableName: string, step: string, err: unknown): RemediateError {
  const reason = err instanceof Error ? err.message : String(err);
  return new RemediateError('INTERNAL', `ledger table ${tableName}: ${step} failed: ${reason}`, { cause: err });
}

export type { CreateLedgerTableOptions };
export { createLedgerTable };
