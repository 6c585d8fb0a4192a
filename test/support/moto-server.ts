import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { FIXTURE_ACCOUNT } from './fixtures';

/** A moto server (S3, DynamoDB, Secrets Manager, ...) on a loopback port of its own choosing. */
interface MotoServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on at the moment of asking: a store that cannot be reached. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** werkzeug's start-up line names the port the server bound: moto is started on port 0. */
const LISTENING = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * The URL moto listens on, once it answers there. The port is the one moto bound itself (asked for port 0): a
 * port picked free beforehand could be taken by another suite's server before moto binds it, and that server
 * would answer in moto's place.
 */
async function waitUntilUp(child: ChildProcess, output: () => string, deadlineMs: number): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    const url = LISTENING.exec(output())?.[1];
    if (url) {
      try {
        const res = await fetch(`${url}/moto-api/`);
        if (res.status < 500) return url;
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto server did not answer within ${deadlineMs} ms`);
}

/**
 * Starts `python3 -m moto.server` (python3 as found on PATH: moto lives in the pyenv Python on these
 * machines). Fails loudly when moto is missing: the tests that need it must not be skipped.
 */
interface MotoOptions {
  /**
   * `shared` (MOTO_ACCOUNT_ID): every request acts as the sample findings' account, whatever its
   * credentials, as a stack's own. `per-credentials`: each access key acts as its own account (moto's
   * default 123456789012 for the tests' keys), and credentials from AssumeRole act in the role's account.
   * @default 'shared'
   */
  readonly accounts?: 'shared' | 'per-credentials';
}

async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  let stderr = '';
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    // The sample findings' account: moto's default credentials act as that account, as a stack's own.
    env: {
      ...process.env,
      PYTHONUNBUFFERED: '1',
      ...(options.accounts === 'per-credentials' ? {} : { MOTO_ACCOUNT_ID: FIXTURE_ACCOUNT }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: false,
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let url: string;
  try {
    url = await waitUntilUp(child, () => stderr, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(
      `Could not start moto (python3 -m moto.server). Install it with: pip install "moto[server]"\n${String(err)}\n${stderr}`,
    );
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export type { MotoOptions, MotoServer };
export { freePort, startMoto };
