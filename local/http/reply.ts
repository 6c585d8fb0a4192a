import type { ServerResponse } from 'node:http';

type Headers = Readonly<Record<string, string>>;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Headers = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Simulates a dropped connection: the client sees a socket hang-up, not an HTTP answer. */
function dropConnection(res: ServerResponse): void {
  res.socket?.destroy();
}

export { dropConnection, sendJson, sendText };
