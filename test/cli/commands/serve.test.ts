import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFindingHandler } from '../../../lambda/factories/finding-handler';
import { motoEnv, uniqueName } from '../../support/aws';
import { ALICE, CHANNEL, type LiveStack, startLiveStack, testClock } from '../../support/live-stack';
import { buttonsOf } from '../../support/slack-messages';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'macie-remediate.js');

interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** `macie-remediate serve` in its own process, as a developer runs it. */
function runServe(args: readonly string[], env: Readonly<Record<string, string>>, cwd: string): Served {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

async function listeningUrl(served: Served): Promise<string> {
  for (;;) {
    const match = /listening on (http:\/\/\S+?) /.exec(served.stderr());
    if (match?.[1]) return match[1];
    const exited = await Promise.race([served.exited.then(() => true), new Promise((r) => setTimeout(r, 50, false))]);
    if (exited) throw new Error(`serve exited early:\n${served.stderr()}`);
  }
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('Command: serve', () => {
  // serve verifies signatures with the real clock, so the Slack stand-in signs with it too.
  const clock = testClock(new Date());
  let live: LiveStack;
  let cwd: string;

  beforeAll(async () => {
    live = await startLiveStack({ clock });
    cwd = mkdtempSync(join(tmpdir(), 'serve-'));
  });
  afterAll(async () => {
    await live.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('serves Slack clicks for the handler, runs the move in-process, and on Ctrl-C finishes it before exiting 0', async () => {
    // Prepare
    const object = await live.putObject('hr/served.csv');
    const event = live.findingEvent('Personal', object);
    const { deps } = live.compose();
    await createFindingHandler({ deps })(event);
    const review = live.slack.messages(CHANNEL.id).at(-1);
    if (!review) throw new Error('no review message');
    const served = runServe(['--port', '0'], { ...motoEnv(), ...live.env() }, cwd);
    const url = await listeningUrl(served);
    live.slack.setInteractivityUrl(`${url}/slack/actions`);

    // Act
    const health = await fetch(`${url}/healthz`);
    const click = await live.slack.clickButton({ ts: review.ts, actionId: 'remediate', userId: ALICE });
    served.child.kill('SIGINT');
    const code = await served.exited;

    // Assess
    expect(health.status).toBe(200);
    expect(click.status).toBe(200);
    expect(code).toBe(0);
    expect((await deps.ledger.get(String(event.detail.id)))?.state).toBe('QUARANTINED');
    expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    const logs = jsonLines(served.stderr());
    expect(logs.find((l) => l.message === 'click accepted')).toMatchObject({
      level: 'INFO',
      slackUser: ALICE,
      findingId: event.detail.id,
      correlationId: click.request.payload.trigger_id,
    });
    expect(logs.at(-1)).toMatchObject({ message: 'stopped' });
    expect(served.stderr()).not.toContain(live.env().SLACK_SIGNING_SECRET);
    expect(served.stderr()).not.toContain(live.env().SLACK_BOT_TOKEN);
  });

  it('exits 2 with one clear line when there is no signing secret', async () => {
    // Prepare
    const env = {
      ...motoEnv(),
      ...live.env({ SLACK_SIGNING_SECRET: '' }),
      MACIE_REMEDIATE_SECRET_ID: uniqueName('none'),
    };

    // Act
    const served = runServe(['--port', '0'], env, cwd);
    const code = await served.exited;

    // Assess
    expect(code).toBe(2);
    expect(served.stderr()).toBe(
      `error: Slack signing secret is not set: set SLACK_SIGNING_SECRET, or signingSecret in the secret ${env.MACIE_REMEDIATE_SECRET_ID}\n`,
    );
  });

  it('exits 2 with one line when the port is taken', async () => {
    // Prepare
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;

    // Act
    const served = runServe(['--port', String(port)], { ...motoEnv(), ...live.env() }, cwd);
    const code = await served.exited;
    await new Promise((resolve) => taken.close(resolve));

    // Assess
    expect(code).toBe(2);
    expect(served.stderr().trim().split('\n').at(-1)).toBe(`error: cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});
