import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { FIXTURE_ACCOUNT } from './fixtures';

/** A moto server (S3, DynamoDB, Secrets Manager, ...) on a free loopback port. */
interface MotoServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

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

async function waitUntilUp(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto server did not answer at ${url} within ${deadlineMs} ms`);
}

/**
 * `moto.server` whose default account (the one that unknown access keys such as the tests' `testing` act
 * as) is `account`: the sample findings' account, as a stack's own. MOTO_ACCOUNT_ID would not do: it
 * makes every request act as that account, so credentials from AssumeRole would no longer act in theirs.
 */
const serveWithDefaultAccount = (account: string): string => `
import sys
import moto.core, moto.core.models
moto.core.DEFAULT_ACCOUNT_ID = moto.core.models.DEFAULT_ACCOUNT_ID = '${account}'
from moto.server import main
main(sys.argv[1:])
`;

/**
 * Starts `python3 -m moto.server` (python3 as found on PATH: moto lives in the pyenv Python on these
 * machines). Fails loudly when moto is missing: the tests that need it must not be skipped.
 */
async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const child = spawn(
    'python3',
    ['-c', serveWithDefaultAccount(FIXTURE_ACCOUNT), '-H', '127.0.0.1', '-p', String(port)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: false,
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilUp(url, child, 30_000);
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

export type { MotoServer };
export { freePort, startMoto };
