import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'macie-remediate.js');

interface Exited {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The real CLI as a process, with only the environment given (plus PATH/HOME): the clone's bin (its sources
 * through tsx), or the compiled entry of test/support/built-cli.
 */
function spawnCli(args: readonly string[], env: Record<string, string>, cwd: string, entry = BIN): ChildProcess {
  return spawn(process.execPath, [entry, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<Exited> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export type { Exited };
export { exited, spawnCli };
