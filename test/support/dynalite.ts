import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { testCredentials } from './aws';

/** An in-process dynalite (DynamoDB on LevelDB, in memory) on a free loopback port. */
interface Dynalite {
  readonly url: string;
  /** A client for it, with the credentials and region dynalite ignores but the SDK requires. */
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

/** Starts dynalite in ~100 ms. Tables become ACTIVE at once, so nothing waits on CREATING. */
async function startDynalite(options: { readonly path?: string } = {}): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...options });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    client: () =>
      new DynamoDBClient({ region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1 }),
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export type { Dynalite };
export { startDynalite };
