import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'macie-remediate.js');

interface ProcessRun {
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly stdout: string;
}

/** The CLI as a real process under GNU time, in an empty directory: wall seconds and its peak RSS. */
function runCli(
  args: readonly string[],
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<ProcessRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...nodeFlags, BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
      const peak = /PEAK_RSS_KB=(\d+)/.exec(stderr);
      if (code !== 0 || !peak) return reject(new Error(`${args[0]} exited ${code}\n${stdout}\n${stderr}`));
      resolve({ seconds, peakRssMiB: Number(peak[1]) / 1024, stdout });
    });
  });
}

export type { ProcessRun };
export { runCli };
