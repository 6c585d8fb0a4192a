import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RemediateError } from '../../../core/errors';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { claimKey } from '../../../core/ledger/ledger-item';
import { silentLogger } from '../../../core/logger';
import { claimOrLink } from '../../../core/remediation/receive-finding';
import { uniqueName } from '../../support/aws';
import { type Dynalite, startDynalite } from '../../support/dynalite';

const IDENTITY = '111122223333/eu-west-1/payroll-exports/hr/salaries.csv#v1';

let server: Dynalite;
beforeAll(async () => {
  server = await startDynalite();
});
afterAll(async () => {
  await server.stop();
});

/**
 * A ledger whose object claim keeps changing hands: before each of our claims another finding takes
 * the object; twice in three it lets go before we look who holds it, the third time it stays, a
 * finding the ledger has no record of (so its claim is stale, and released). Counts our claim writes.
 */
async function churningLedger(): Promise<{ ledger: DynamoDbLedger; claimWrites: () => number; done: () => void }> {
  const tableName = uniqueName('ledger');
  const dynamo: DynamoDBClient = server.client();
  const other = DynamoDBDocumentClient.from(server.client());
  await createLedgerTable(dynamo, tableName);
  const key = claimKey(IDENTITY);
  let writes = 0;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Item?: { findingId?: { S?: string } } };
      const claiming = context.commandName === 'PutItemCommand' && input.Item?.findingId?.S === key;
      if (!claiming) return next(args);
      writes++;
      await other.send(new PutCommand({ TableName: tableName, Item: { findingId: key, owner: 'f-gone' } }));
      try {
        return await next(args);
      } finally {
        if (writes % 3 !== 0) await other.send(new DeleteCommand({ TableName: tableName, Key: { findingId: key } }));
      }
    },
    { step: 'finalizeRequest', name: 'anotherFindingChurnsTheClaim' },
  );
  const ledger = new DynamoDbLedger({ dynamo, tableName });
  return {
    ledger,
    claimWrites: () => writes,
    done: () => {
      dynamo.destroy();
      other.destroy();
    },
  };
}

describe('Function: claimOrLink', () => {
  it('gives up on a claim that keeps changing hands after three claim writes, in one retry loop', async () => {
    // Prepare
    const { ledger, claimWrites, done } = await churningLedger();
    const deps = { ledger, clock: () => new Date('2026-11-27T12:00:00.000Z'), logger: silentLogger };

    // Act
    const failure = await claimOrLink(deps, IDENTITY, 'f-mine').catch((err: unknown) => err);
    done();

    // Assess
    expect(claimWrites()).toBe(3);
    expect(failure).toBeInstanceOf(RemediateError);
    expect(failure).toMatchObject({ code: 'INTERNAL' });
  });
});
