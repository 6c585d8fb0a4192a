import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { uniqueName } from '../../support/aws';
import { type Dynalite, startDynalite } from '../../support/dynalite';
import { describeLedgerContract } from '../../support/ledger-contract';
import { describeDynamoLedgerStorage } from './support/dynamo-ledger-suite';

// The embedded local demo runs the ledger on dynalite: no transactions, no ReturnValuesOnConditionCheckFailure.
let server: Dynalite;
let dynamo: DynamoDBClient;
beforeAll(async () => {
  server = await startDynalite();
  dynamo = server.client();
});
afterAll(async () => {
  dynamo.destroy();
  await server.stop();
});

describeLedgerContract('DynamoDbLedger on dynalite', async ({ clock, pageSize }) => {
  const tableName = uniqueName('ledger');
  await createLedgerTable(dynamo, tableName);
  return new DynamoDbLedger({ dynamo, tableName, clock, scanPageSize: pageSize });
});

describeDynamoLedgerStorage('dynalite', () => dynamo);
