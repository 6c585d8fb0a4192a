import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * A loopback HTTP server for the local stand-ins: binds 127.0.0.1 on the given port (0 = any free port),
 * reports its URL, and stop() closes every open socket at once (keep-alive clients would hold it open).
 */
class LocalHttpServer {
  private server?: Server;
  private baseUrl?: string;

  constructor(
    private readonly name: string,
    private readonly handler: RequestHandler,
  ) {}

  /** The base URL (`http://127.0.0.1:PORT`, no trailing slash); throws before start(). */
  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.name} is not started`);
    return this.baseUrl;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer((req, res) => this.dispatch(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    this.server = server;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.handler(req, res);
    } catch (err) {
      // A bug in a stand-in must show up in the client, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${this.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
}

export type { RequestHandler };
export { LocalHttpServer };
