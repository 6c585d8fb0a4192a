import type { IncomingMessage } from 'node:http';

/** Reads a request body as UTF-8 text; rejects bodies over `limitBytes` (the stand-ins never need more). */
async function readBody(req: IncomingMessage, limitBytes = 20 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new Error(`request body over ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export { readBody };
