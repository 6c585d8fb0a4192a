import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_INTERACTION_BYTES } from '../../core/slack/parse-interaction';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { sendJson, sendText } from '../http/reply';
import { toProxyEvent } from './to-proxy-event';

type ProxyResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2;
type ProxyHandler = (event: APIGatewayProxyEventV2) => Promise<ProxyResult>;

interface RemediationApiOptions {
  /** The remediation handler (lambda/remediation-handler.ts), or anything with its shape. */
  readonly handler: ProxyHandler;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1': exposing it is a deliberate choice (`--host 0.0.0.0`). */
  readonly host?: string;
  /** Larger bodies get 413 without reaching the handler. @default MAX_INTERACTION_BYTES (64 KB) */
  readonly maxBodyBytes?: number;
  /** @default the system clock */
  readonly clock?: () => Date;
}

interface RemediationApi {
  /** `http://HOST:PORT`, no trailing slash. */
  readonly url: string;
  stop(): Promise<void>;
}

const ACTIONS_PATH = '/slack/actions';

/** Reads the body, or resolves undefined as soon as it passes the bound (the rest is never buffered). */
async function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendResult(res: ServerResponse, result: ProxyResult): void {
  const body = result.body ?? '';
  const bytes = 'isBase64Encoded' in result && result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  res.writeHead(result.statusCode ?? 200, { ...headers, 'content-length': bytes.length });
  res.end(bytes);
}

/** Resolves when the answer has been handed to the socket (or the client went away). */
function flushed(res: ServerResponse): Promise<void> {
  if (res.writableFinished) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
}

/**
 * The remediation API on a local port, as API Gateway would front the Lambda: `POST /slack/actions` becomes an
 * HTTP API v2 proxy event for `handler`; `GET /healthz` answers 200; anything else 404.
 */
async function startRemediationApi(options: RemediationApiOptions): Promise<RemediationApi> {
  const limit = options.maxBodyBytes ?? MAX_INTERACTION_BYTES;
  const clock = options.clock ?? (() => new Date());
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBounded(req, limit);
    // Close the connection: the unread rest of an oversized body must not be parsed as the next request.
    if (!body) return sendText(res, 413, `request body over ${limit} bytes`, { connection: 'close' });
    let result: ProxyResult;
    try {
      result = await options.handler(toProxyEvent(req, body, clock()));
    } catch {
      // What API Gateway answers when the function fails; the handler has logged why.
      return sendJson(res, 500, { message: 'Internal Server Error' });
    }
    sendResult(res, result);
  };

  const server = new LocalHttpServer('remediation API', async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (stopping) return sendText(res, 503, 'shutting down', { connection: 'close' });
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { ok: true });
    if (req.method !== 'POST' || path !== ACTIONS_PATH) return sendText(res, 404, 'not found');
    // Tracked until the answer is flushed, so stop() never cuts one off.
    const done = answer(req, res).then(() => flushed(res));
    inFlight.add(done);
    try {
      await done;
    } finally {
      inFlight.delete(done);
    }
  });
  const url = await server.start(options.port ?? 0, options.host ?? '127.0.0.1');
  const stop = async () => {
    // Requests already in the handler are answered; new ones get 503 until the port closes.
    stopping = true;
    await Promise.allSettled([...inFlight]);
    await server.stop();
  };
  return { url, stop };
}

export type { ProxyHandler, ProxyResult, RemediationApi, RemediationApiOptions };
export { startRemediationApi };
