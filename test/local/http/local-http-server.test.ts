import { Agent, request } from 'node:http';
import { FaultQueue } from '../../../local/http/FaultQueue';
import { LocalHttpServer } from '../../../local/http/LocalHttpServer';
import { sendText } from '../../../local/http/reply';

describe('Class: LocalHttpServer', () => {
  it('binds 127.0.0.1 on a free port, reports its URL, and stops while a keep-alive connection is open', async () => {
    // Prepare
    const server = new LocalHttpServer('test server', (_req, res) => sendText(res, 200, 'hello'));
    const url = await server.start();
    const agent = new Agent({ keepAlive: true });

    // Act
    const body = await new Promise<string>((resolve, reject) => {
      request(url, { agent }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    await server.stop();

    // Assess
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(body).toBe('hello');
    await expect(fetch(url)).rejects.toThrow();
    expect(() => server.url).toThrow(/not started/);
    agent.destroy();
  });

  it('answers 500 with the error when the handler throws', async () => {
    // Prepare
    const server = new LocalHttpServer('broken server', () => {
      throw new Error('boom');
    });
    const url = await server.start();

    // Act
    const res = await fetch(url);

    // Assess
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('broken server failed: Error: boom');
    await server.stop();
  });
});

describe('Class: FaultQueue', () => {
  it('serves faults for the exact target before wildcard ones, each once', () => {
    // Prepare
    const faults = new FaultQueue<string>();
    faults.add('*', 'any', 1);
    faults.add('GetFindings', 'specific', 2);

    // Act
    const taken = ['GetFindings', 'GetFindings', 'GetFindings', 'ListFindings'].map((t) => faults.take(t));

    // Assess
    expect(taken).toEqual(['specific', 'specific', 'any', undefined]);
  });
});
