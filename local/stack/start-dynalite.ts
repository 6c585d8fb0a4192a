import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalService } from './start-s3rver';

/** dynalite ships no types: the part the local stack uses. */
type Dynalite = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
  path: string;
}) => Server;

/**
 * DynamoDB from dynalite, with its LevelDB files under `path` so the ledger outlives a restart.
 * Tables become ACTIVE at once. It has no TransactWriteItems, which the ledger does not use.
 */
async function startDynalite(options: { readonly path: string; readonly port?: number }): Promise<LocalService> {
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive SDK connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}

export { startDynalite };
