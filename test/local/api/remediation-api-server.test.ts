import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ProxyHandler, startRemediationApi } from '../../../local/api/RemediationApiServer';

const NOW = new Date('2026-11-27T12:00:00.000Z');

/** A handler that records the events it gets and answers what the test says. */
function recorder(answer: ProxyHandler = async () => ({ statusCode: 200, body: '' })) {
  const events: APIGatewayProxyEventV2[] = [];
  const handler: ProxyHandler = (event) => {
    events.push(event);
    return answer(event);
  };
  return { events, handler };
}

/** A POST whose body is streamed in chunks, without a content-length (chunked transfer encoding). */
function postChunked(url: string, chunks: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('Function: startRemediationApi (HTTP → API Gateway HTTP API v2 events)', () => {
  it('answers GET /healthz and 404 for anything but POST /slack/actions', async () => {
    // Prepare
    const { events, handler } = recorder();
    const api = await startRemediationApi({ handler });

    // Act
    const health = await fetch(`${api.url}/healthz`);
    const statuses = await Promise.all([
      fetch(`${api.url}/slack/actions`).then((r) => r.status),
      fetch(`${api.url}/elsewhere`, { method: 'POST', body: 'x' }).then((r) => r.status),
      fetch(`${api.url}/`).then((r) => r.status),
    ]);
    await api.stop();

    // Assess
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(statuses).toEqual([404, 404, 404]);
    expect(events).toHaveLength(0);
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('hands a form post over as API Gateway does: raw body base64-encoded, header names lowercased', async () => {
    // Prepare
    const { events, handler } = recorder(async () => ({
      statusCode: 201,
      headers: { 'X-Answer': 'yes' },
      body: 'done',
    }));
    const api = await startRemediationApi({ handler, clock: () => NOW });
    const body = 'payload=%7B%22a%22%3A1%7D&x=%C3%A9';

    // Act
    const response = await fetch(`${api.url}/slack/actions?debug=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Signature': 'v0=abc' },
      body,
    });
    await api.stop();

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.text()).toBe('done');
    const [event] = events;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /slack/actions',
      rawPath: '/slack/actions',
      rawQueryString: 'debug=1',
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST', path: '/slack/actions' }, stage: '$default', timeEpoch: NOW.getTime() },
    });
    expect(Buffer.from(event?.body ?? '', 'base64').toString('utf8')).toBe(body);
    expect(event?.headers['x-slack-signature']).toBe('v0=abc');
    expect(Object.keys(event?.headers ?? {}).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('passes a JSON body as text', async () => {
    // Prepare
    const { events, handler } = recorder();
    const api = await startRemediationApi({ handler });

    // Act
    await fetch(`${api.url}/slack/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"é":1}',
    });
    await api.stop();

    // Assess
    expect(events[0]).toMatchObject({ body: '{"é":1}', isBase64Encoded: false });
  });

  it('refuses a body over the bound with 413 before the handler sees it, declared or streamed', async () => {
    // Prepare
    const { events, handler } = recorder();
    const api = await startRemediationApi({ handler, maxBodyBytes: 1000 });

    // Act
    const declared = await fetch(`${api.url}/slack/actions`, { method: 'POST', body: 'x'.repeat(1001) });
    const streamed = await postChunked(`${api.url}/slack/actions`, Array(20).fill('y'.repeat(100)));
    const fits = await fetch(`${api.url}/slack/actions`, { method: 'POST', body: 'x'.repeat(1000) });
    await api.stop();

    // Assess
    expect(declared.status).toBe(413);
    expect(streamed).toBe(413);
    expect(fits.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers 500 without detail when the handler throws, as API Gateway does', async () => {
    // Prepare
    const api = await startRemediationApi({
      handler: async () => {
        throw new Error('secret detail');
      },
    });

    // Act
    const response = await fetch(`${api.url}/slack/actions`, { method: 'POST', body: 'x' });
    const text = await response.text();
    await api.stop();

    // Assess
    expect(response.status).toBe(500);
    expect(text).toBe('{"message":"Internal Server Error"}');
  });

  it('finishes answering a request in the handler before it stops, and takes no new ones', async () => {
    // Prepare
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { events, handler } = recorder(async () => {
      await gate;
      return { statusCode: 200, body: 'late answer' };
    });
    const api = await startRemediationApi({ handler });
    const pending = fetch(`${api.url}/slack/actions`, { method: 'POST', body: 'x' });
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));

    // Act
    const stopped = api.stop();
    release();
    const response = await pending;
    await stopped;
    const afterStop = fetch(`${api.url}/healthz`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('late answer');
    await expect(afterStop).rejects.toThrow();
  });
});
