import { Agent, createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

interface LatencyProxy {
  readonly url: string;
  stop(): Promise<void>;
}

/** Headers about one connection (RFC 9110 §7.6.1): a proxy answers them itself, never passes them on. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

/**
 * A loopback reverse proxy that holds every request `delayMs` before forwarding it to `target`, so an
 * emulator that answers in microseconds answers like a service across a network. Bodies stream both ways
 * (a request's body waits in the socket, not in memory), and connections are kept alive on both sides
 * with no pool limit of its own: only the client's pool bounds how many requests are in flight. The client's
 * connection stays open even when the emulator closes its own after every reply (moto's werkzeug does), as
 * a service's endpoint keeps it: the emulator's `Connection: close` is about the proxy's hop, not the client's.
 */
async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const server = createServer({ keepAlive: true }, (req, res) => {
    setTimeout(() => {
      const upstream = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, endToEnd(reply.headers));
          reply.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

export type { LatencyProxy };
export { startLatencyProxy };
