import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with one request: pass it on, answer it here, or hold it until the test lets it go. */
type ProxyAction =
  | { readonly kind: 'forward' }
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  | { readonly kind: 'hold'; readonly until: Promise<void> };

interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

interface Proxy {
  readonly url: string;
  stop(): Promise<void>;
}

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * A loopback HTTP proxy in front of a stand-in (moto, Macie) that lets a test fail or hold chosen
 * requests: a fault at an exact point of a run, without timing.
 */
async function startProxy(target: string, decide: (req: ProxiedRequest) => ProxyAction): Promise<Proxy> {
  const to = new URL(target);
  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    const action = decide({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
    if (action.kind === 'answer') {
      res.writeHead(action.status, { ...action.headers, 'content-length': Buffer.byteLength(action.body) });
      res.end(action.body);
      return;
    }
    if (action.kind === 'hold') await action.until;
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const FORWARD: ProxyAction = { kind: 'forward' };

/** Macie's answer when it is down: 500 InternalServerException (the SDK retries it, then gives up). */
const MACIE_DOWN: ProxyAction = {
  kind: 'answer',
  status: 500,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerException' },
  body: JSON.stringify({ message: 'Internal server error' }),
};

/**
 * The S3 or DynamoDB operation an HTTP request asks for, by the parts of the request that name it; another
 * service's request (STS, Secrets Manager on the same endpoint) is named by its signing scope alone.
 */
function operationOf(req: ProxiedRequest): string {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '?';
  const target = req.headers['x-amz-target'];
  if (service === 'dynamodb' && typeof target === 'string') return `DynamoDB ${target.split('.')[1]}`;
  if (service !== 's3') return service;
  const query = new URL(req.path, 'http://s3').searchParams;
  const sub = ['tagging', 'versions', 'uploads', 'uploadId'].find((name) => query.has(name));
  const copy = req.headers['x-amz-copy-source'] !== undefined ? ' (copy)' : '';
  return `S3 ${req.method}${copy}${sub ? ` ?${sub}` : ''}`;
}

/** How many S3 and DynamoDB requests of each operation ({@link operationOf}) a list holds. */
function s3AndDynamoTally(operations: readonly string[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const op of operations) if (op.startsWith('S3') || op.startsWith('DynamoDB')) tally[op] = (tally[op] ?? 0) + 1;
  return tally;
}

export type { ProxiedRequest, Proxy, ProxyAction };
export { FORWARD, MACIE_DOWN, operationOf, s3AndDynamoTally, startProxy };
