import { execFile } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'macie-remediate.js');

interface BinRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the command (`bin/macie-remediate.js`, or an installed package's `bin`) in its own process, as a user's
 * shell would, with exactly `env` plus PATH: SDK clients then read their endpoints from it, which they never do
 * in-process.
 */
function runBin(
  args: readonly string[],
  options: { env: Readonly<Record<string, string>>; cwd: string; bin?: string },
): Promise<BinRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [options.bin ?? BIN, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export type { BinRun };
export { BIN, runBin };
