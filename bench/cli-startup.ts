/**
 * Start-up time of the CLI against the AWS CLI's, with hyperfine (Debian's `hyperfine` package). The AWS CLI is
 * Debian's awscli v2 called by its absolute path (`apt-get install awscli`), whatever `aws` comes first on PATH.
 *
 *   npx tsx bench/cli-startup.ts [--runs 30]
 *
 * Prints a markdown table of hyperfine's measurements (medians, and relative to bare node's and to awscli's medians):
 * `macie-remediate --help` as installed from the package (`npm pack`, installed into a temporary prefix as
 * test/e2e/installed-package.test.ts does: compiled JavaScript) and from this clone (through tsx), `backfill --help`
 * from the clone (commander and chalk only: the AWS SDK and Slack client load lazily, per command),
 * `/usr/bin/aws --version`, and bare `node` as the floor every Node.js CLI pays.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packAndInstall } from '../test/support/installed-package';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'macie-remediate.js');
const AWS = '/usr/bin/aws';

/** The fields of hyperfine's --export-json this table uses (seconds). */
interface HyperfineResult {
  readonly command: string;
  readonly mean: number;
  readonly stddev: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function main(): void {
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: install Debian's awscli (apt-get install awscli)`);
  const awsVersion = execFileSync(AWS, ['--version']).toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const results = join(dir, 'startup.json');
  try {
    const installed = packAndInstall(dir).bin;
    execFileSync(
      'hyperfine',
      [
        '--warmup',
        '3',
        '--runs',
        values.runs,
        '--shell=none',
        '--export-json',
        results,
        '-n',
        'installed: macie-remediate --help',
        `node ${installed} --help`,
        '-n',
        'clone (tsx): macie-remediate --help',
        `node ${BIN} --help`,
        '-n',
        'clone (tsx): macie-remediate backfill --help',
        `node ${BIN} backfill --help`,
        '-n',
        `${AWS} --version`,
        `${AWS} --version`,
        '-n',
        'node -e 0 (floor)',
        'node -e 0',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const cpu = cpus()[0]?.model ?? 'unknown';
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, node ${process.version}, ${AWS}: ${awsVersion}, ${execSync('hyperfine --version').toString().trim()}`,
    );
    console.log(`command: npx tsx bench/cli-startup.ts --runs ${values.runs} (3 warm-up runs each)\n`);
    const { results: rows } = JSON.parse(readFileSync(results, 'utf8')) as { results: HyperfineResult[] };
    const floor = rows.at(-1)?.median ?? Number.NaN;
    const aws = rows.find((r) => r.command === `${AWS} --version`)?.median ?? Number.NaN;
    const ms = (seconds: number) => (seconds * 1000).toFixed(1);
    console.log(
      '| command | median (ms) | mean ± σ (ms) | min (ms) | max (ms) | median relative to `node -e 0` | median vs awscli |',
    );
    console.log('|:---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| \`${r.command}\` | ${ms(r.median)} | ${ms(r.mean)} ± ${ms(r.stddev)} | ${ms(r.min)} | ${ms(r.max)} | ${(r.median / floor).toFixed(2)} | ${(r.median / aws).toFixed(2)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
