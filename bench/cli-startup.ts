/**
 * Start-up time of the CLI against the AWS CLI's, with hyperfine (Debian's `hyperfine` package).
 *
 *   npx tsx bench/cli-startup.ts [--runs 30]
 *
 * Prints hyperfine's markdown table: `macie-remediate --help` and `macie-remediate backfill --help` (commander
 * and chalk only: the AWS SDK and Slack client load lazily, per command), `aws --version`, and bare `node` as
 * the floor every Node.js CLI pays.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'macie-remediate.js');

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const table = join(dir, 'startup.md');
  try {
    execFileSync(
      'hyperfine',
      [
        '--warmup',
        '3',
        '--runs',
        values.runs,
        '--shell=none',
        '--export-markdown',
        table,
        '-n',
        'macie-remediate --help',
        `node ${BIN} --help`,
        '-n',
        'macie-remediate backfill --help',
        `node ${BIN} backfill --help`,
        '-n',
        'aws --version',
        'aws --version',
        '-n',
        'node -e 0 (floor)',
        'node -e 0',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const cpu = cpus()[0]?.model ?? 'unknown';
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, node ${process.version}, ${execSync('aws --version 2>&1').toString().trim()}, ${execSync('hyperfine --version').toString().trim()}`,
    );
    console.log(`command: npx tsx bench/cli-startup.ts --runs ${values.runs}\n`);
    console.log(readFileSync(table, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
