/**
 * Bulk `remediate` under network latency: moto (S3), dynalite (the ledger) and the Macie stand-in, each behind a
 * proxy that holds every request `--delay-ms` (bench/latency-proxy.ts), as real services answer in tens of
 * milliseconds where the emulators answer in microseconds.
 *
 *   npx tsx bench/bulk-latency.ts [--findings 200] [--concurrency 1,32] [--delay-ms 30]
 *
 * The same number of AUTO findings (objects of their own, one bucket per run) is remediated by the CLI as a real
 * process at each concurrency, one run after the other in this script: the CLI as installed from the package
 * (`npm pack`, installed into a temporary prefix as test/e2e/installed-package.test.ts does), as a user runs it.
 * Prints a markdown table: wall seconds (start-up, selection and plan included), findings/s, the ratio to the first
 * concurrency, peak RSS, and the CPU time a finding of the CLI, of moto and of this script's process (dynalite, the
 * proxies, the Macie stand-in), all on the same cores.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { createLedgerTable } from '../core/ledger/create-ledger-table';
import { MacieStandIn } from '../local/macie/MacieStandIn';
import { makeFinding } from '../local/macie/make-finding';
import { startDynalite } from '../test/support/dynalite';
import { packAndInstall } from '../test/support/installed-package';
import { startMoto } from '../test/support/moto-server';
import { startLatencyProxy } from './latency-proxy';
import { runCli } from './support/cli-process';
import { bucket, seedObjects } from './support/seed-objects';

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1,32' },
    'delay-ms': { type: 'string', default: '30' },
  },
});
const findingCount = Number(values.findings);
const concurrencies = values.concurrency.split(',').map(Number);
const delayMs = Number(values['delay-ms']);
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
/** CPU seconds (user + system, all threads) a process has used so far, from /proc (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The CLI as a user installs it (compiled JavaScript), not this clone's sources through tsx.
  const packageDir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
  try {
    process.stderr.write('packing and installing the package...\n');
    await measure(packAndInstall(packageDir).bin);
  } finally {
    rmSync(packageDir, { recursive: true, force: true });
  }
}

/** Both concurrencies with `bin`, the emulators and their proxies started and stopped around them. */
async function measure(bin: string): Promise<void> {
  const moto = await startMoto();
  const motoPid = moto.process.pid as number;
  const dynalite = await startDynalite();
  const macie = new MacieStandIn();
  await macie.start();
  const proxies = await Promise.all([moto.url, dynalite.url, macie.url].map((url) => startLatencyProxy(url, delayMs)));
  const [s3Proxy, dynamoProxy, macieProxy] = proxies.map((p) => p.url);
  // Seeding goes to moto directly: only the runs pay the latency.
  const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, credentials, forcePathStyle: true });
  try {
    const quarantine = await bucket(s3, 'bench-latency-quarantine', true);
    const table = 'bench-latency-ledger';
    await createLedgerTable(dynalite.client(), table, { pollMs: 10 });
    const motoVersion = execSync('python3 -c "import moto; print(moto.__version__)"').toString().trim();
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}, moto ${motoVersion}; load average before: ${load()}`,
    );
    console.log(
      `command: npx tsx bench/bulk-latency.ts --findings ${findingCount} --concurrency ${values.concurrency} --delay-ms ${delayMs}\n`,
    );
    const rows: string[] = [];
    let first: number | undefined;
    for (const concurrency of concurrencies) {
      const source = await bucket(s3, `bench-latency-source-${concurrency}`, false);
      const objects = await seedObjects(s3, source, 'data', findingCount);
      macie.add(
        ...objects.map((o) =>
          makeFinding({ bucket: source, key: o.key, eTag: o.eTag, type: 'SensitiveData:S3Object/Financial' }),
        ),
      );
      process.stderr.write(`remediate ${findingCount} findings at concurrency ${concurrency}...\n`);
      const motoCpuBefore = processCpuSeconds(motoPid);
      const ownCpuBefore = ownCpuSeconds();
      const run = await runCli(
        ['remediate', '--bucket', source, '--yes', '--json', '--concurrency', String(concurrency)],
        {
          AWS_ENDPOINT_URL: s3Proxy as string,
          AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy as string,
          AWS_ENDPOINT_URL_MACIE2: macieProxy as string,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          MACIE_REMEDIATE_QUARANTINE_BUCKET: quarantine,
          MACIE_REMEDIATE_LEDGER_TABLE: table,
          MACIE_REMEDIATE_MIN_SEVERITY: 'LOW',
        },
        { bin },
      );
      const quarantined = run.stdout.match(/"outcome":\s*"QUARANTINED"/g)?.length ?? 0;
      if (quarantined !== findingCount)
        throw new Error(`${quarantined} of ${findingCount} quarantined:\n${run.stdout}`);
      const perFindingMs = (cpuSeconds: number) => ((cpuSeconds * 1000) / findingCount).toFixed(0);
      const cpu = [run.cpuSeconds, processCpuSeconds(motoPid) - motoCpuBefore, ownCpuSeconds() - ownCpuBefore];
      const rate = findingCount / run.seconds;
      first ??= rate;
      rows.push(
        `| ${concurrency} | ${findingCount} | ${run.seconds.toFixed(1)} | ${rate.toFixed(1)} | ${(rate / first).toFixed(1)}× | ${run.peakRssMiB.toFixed(0)} | ${cpu.map(perFindingMs).join(' | ')} |`,
      );
    }
    console.log(`### Bulk remediate, ${delayMs} ms added to every request (S3, DynamoDB, Macie)\n`);
    console.log(
      '| concurrency | findings | seconds | findings/s | vs first | peak RSS (MiB) | CPU ms a finding: CLI | moto | bench process |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
    console.log(`\nload average after: ${load()}`);
  } finally {
    s3.destroy();
    for (const proxy of proxies) await proxy.stop();
    await macie.stop();
    await dynalite.stop();
    await moto.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
