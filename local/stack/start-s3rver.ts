import type { AddressInfo } from 'node:net';

/** s3rver ships no types: the part the local stack uses. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: readonly { name: string }[];
}) => S3rverServer;

interface LocalService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * S3 from s3rver (stack.md): objects are files under `directory`, so a stopped stack keeps them; the buckets
 * are created when missing. Clients use the credentials S3RVER/S3RVER and path-style addressing.
 */
async function startS3rver(options: {
  readonly directory: string;
  readonly buckets: readonly string[];
  readonly port?: number;
}): Promise<LocalService> {
  const S3rver = require('s3rver') as S3rverClass;
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return { url: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

export type { LocalService };
export { startS3rver };
