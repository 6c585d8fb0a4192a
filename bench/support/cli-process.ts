import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** This clone's command: its TypeScript sources, run through tsx. */
const CLONE_BIN = join(__dirname, '..', '..', 'bin', 'macie-remediate.js');

interface ProcessRun {
  readonly seconds: number;
  readonly peakRssMiB: number;
  /** User plus system CPU seconds of the CLI process. */
  readonly cpuSeconds: number;
  readonly stdout: string;
}

interface RunOptions {
  readonly nodeFlags?: readonly string[];
  /** The command to run, e.g. the installed package's (test/support/installed-package.ts). @default this clone's */
  readonly bin?: string;
}

/** The CLI as a real process under GNU time, in an empty directory: wall seconds, its peak RSS and CPU time. */
function runCli(
  args: readonly string[],
  env: Record<string, string>,
  { nodeFlags = [], bin = CLONE_BIN }: RunOptions = {},
): Promise<ProcessRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'PEAK_RSS_KB=%M CPU=%U+%S', process.execPath, ...nodeFlags, bin, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      const seconds = (performance.now() - started) / 1000;
      const usage = /PEAK_RSS_KB=(\d+) CPU=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (code !== 0 || !usage) return reject(new Error(`${args[0]} exited ${code}\n${stdout}\n${stderr}`));
      resolve({
        seconds,
        peakRssMiB: Number(usage[1]) / 1024,
        cpuSeconds: Number(usage[2]) + Number(usage[3]),
        stdout,
      });
    });
  });
}

export type { ProcessRun };
export { runCli };
