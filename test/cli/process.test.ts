import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type CliStack, startCliStack } from './support/cli-stack';
import { FORWARD, startProxy } from './support/http-proxy';
import { exited, spawnCli } from './support/spawn-cli';

const ROOT = join(__dirname, '..', '..');

describe('The CLI as a process', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const run = (args: readonly string[], env: Record<string, string> = {}) =>
    exited(spawnCli(args, { ...stack.env, ...env }, stack.cwd));

  it('--help of the program and of every command of this issue loads neither the AWS SDK, the Slack client nor the settings', async () => {
    // Prepare: main() in a bare node, then what got required
    const script = `
      require('tsx/cjs/api').register();
      const { main } = require(${JSON.stringify(join(ROOT, 'cli', 'main.ts'))});
      const { Writable, PassThrough } = require('node:stream');
      const sink = new Writable({ write(_c, _e, done) { done(); } });
      const io = { stdout: sink, stderr: sink, stdin: new PassThrough(), interactive: false, env: {}, cwd: process.cwd() };
      (async () => {
        const codes = [];
        for (const args of [['--help'], ['list', 'findings', '--help'], ['list', 'quarantined', '--help'], ['remediate', '--help'],
          ['apply', '--help'], ['restore', '--help'], ['backfill', '--help'], ['history', '--help'], ['audit', '--help'],
          ['list', 'suppressions', '--help'], ['unsuppress', '--help']]) {
          codes.push(await main(args, io));
        }
        const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](@aws-sdk|@slack|@smithy)[\\\\/]/.test(p));
        const settings = Object.keys(require.cache).filter((p) => /[\\\\/]core[\\\\/]config[\\\\/]/.test(p));
        process.stdout.write(JSON.stringify({ codes, loaded: loaded.length, settings: settings.length }));
      })();`;

    // Act
    const result = await exited(
      spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
    );

    // Assess
    expect(JSON.parse(result.stdout)).toEqual({ codes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], loaded: 0, settings: 0 });
  });

  it('exits 0 with exactly one JSON document on stdout, and 1 when an item FAILED', async () => {
    // Prepare
    const object = await stack.putObject('process/ok.csv');
    const ok = stack.addFinding(object).id as string;
    const put = await stack.s3.send(
      new PutObjectCommand({ Bucket: stack.sourceBucket, Key: 'process/cold.csv', Body: 'x', StorageClass: 'GLACIER' }),
    );
    const cold = stack.addFinding({ key: 'process/cold.csv', eTag: (put.ETag ?? '').replaceAll('"', '') }).id as string;

    // Act
    const good = await run(['remediate', ok, '--yes', '--json']);
    const bad = await run(['remediate', cold, '--yes', '--json']);

    // Assess
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ summary: { QUARANTINED: 1 } });
    expect(good.stdout.trimEnd().split('\n').at(-1)).toBe('}');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ summary: { FAILED: 1 } });
  });

  it('exits 2 on a usage error with one line on stderr and nothing on stdout', async () => {
    const result = await run(['list', 'findings', '--severity', 'urgent', '--json']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --severity: "urgent" is not a severity (Low, Medium, High; Medium+ = at least Medium)\n',
    });
  });

  it('on Ctrl-C during a bulk run finishes the moves in flight, prints what was done, and a rerun finishes the rest', async () => {
    // Prepare: 20 findings; S3 lets 5 copies through, then holds every copy until the test lets go
    const findings = await stack.seed(20, 'SensitiveData:S3Object/Financial', {
      prefix: 'sigint',
      start: Date.parse('2026-05-01T00:00:00Z'),
    });
    const selection = ['--bucket', stack.sourceBucket, '--since', '2026-05-01', '--until', '2026-05-02'];
    let copies = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let heldTwo: () => void = () => {};
    const twoHeld = new Promise<void>((resolve) => {
      heldTwo = resolve;
    });
    const s3 = await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
      if (
        req.method !== 'PUT' ||
        !req.headers['x-amz-copy-source'] ||
        !req.path.startsWith(`/${stack.quarantineBucket}/`)
      ) {
        return FORWARD;
      }
      copies++;
      if (copies <= 5) return FORWARD;
      if (copies === 7) heldTwo();
      return { kind: 'hold', until: released };
    });
    const child = spawnCli(
      ['remediate', ...selection, '--yes', '--json', '--concurrency', '2'],
      { ...stack.env, AWS_ENDPOINT_URL_S3: s3.url },
      stack.cwd,
    );
    const done = exited(child);
    const interrupted = new Promise<void>((resolve) =>
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('interrupted: finishing the moves in flight')) resolve();
      }),
    );

    // Act: Ctrl-C while two moves are in flight; they may finish once the CLI has stopped taking work
    await twoHeld;
    child.kill('SIGINT');
    await interrupted;
    release();
    const first = await done;
    await s3.stop();
    const rerun = await stack.run(['remediate', ...selection, '--yes', '--json']);

    // Assess: 5 moved before, the 2 in flight finished, nothing else started
    expect(first.code).toBe(1);
    const document = JSON.parse(first.stdout);
    expect(document.summary).toEqual({ QUARANTINED: 7 });
    expect(first.stderr).toContain('interrupted: 13 not started; run the same command again to finish them');
    expect(JSON.parse(rerun.stdout).summary).toEqual({ QUARANTINED: 13, ALREADY_QUARANTINED: 7 });
    for (const finding of findings) {
      const key = finding.resourcesAffected?.s3Object?.key as string;
      await expect(stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: key }))).rejects.toThrow();
    }
  });
});
