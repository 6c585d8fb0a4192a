import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { motoUrl, testCredentials, uniqueName } from '../../support/aws';
import { describeLedgerContract } from '../../support/ledger-contract';
import { describeDynamoLedgerStorage } from './support/dynamo-ledger-suite';

// moto's threaded server checks a condition and applies the write without a lock: with parallel requests,
// two of fifty conditional updates were seen to win. One connection serialises requests, so moto still
// checks every condition the ledger writes; dynalite (per-key locks) runs the same suite truly concurrently.
let dynamo: DynamoDBClient;
beforeAll(() => {
  dynamo = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: motoUrl(),
    credentials: testCredentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) },
  });
});
afterAll(() => dynamo.destroy());

describeLedgerContract('DynamoDbLedger on moto', async ({ clock, pageSize }) => {
  const tableName = uniqueName('ledger');
  await createLedgerTable(dynamo, tableName);
  return new DynamoDbLedger({ dynamo, tableName, clock, scanPageSize: pageSize });
});

describeDynamoLedgerStorage('moto', () => dynamo);
