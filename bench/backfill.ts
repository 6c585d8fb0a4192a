/**
 * Backfill throughput and memory, against a moto server and the Macie stand-in this script starts itself.
 *
 *   npx tsx bench/backfill.ts [--findings 10000] [--concurrency 8] [--memory 1000,10000,100000] [--sample 50]
 *                             [--parts throughput,memory] [--heap-cap 32]
 *
 * Prints markdown tables:
 * 1. `macie-remediate backfill` (a real process, ledger on moto's DynamoDB, no Slack, no Security Hub) over `--findings` AUTO
 *    findings whose objects exist, next to (b) the ceiling: a bare script doing only CopyObject, HeadObject
 *    (verify) and DeleteObject for as many objects at the same concurrency, and (a) what an admin would
 *    otherwise do: a shell loop of `aws macie2 get-findings` + `aws s3 mv` over a sample.
 * 2. Peak RSS of the backfill process as the finding count grows (IGNORE-decided findings, so only the Macie
 *    paging, the policy and the report run: the S3 work of 100,000 moves on moto would take hours), and the same
 *    runs with V8's heap capped: they complete, so what the backfill keeps does not grow with the count.
 */
import { execFile, execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLedgerTable } from '../core/ledger/create-ledger-table';
import { mapConcurrent } from '../core/quarantine/map-concurrent';
import type { SensitiveDataType } from '../core/types/finding';
import { MacieStandIn } from '../local/macie/MacieStandIn';
import { makeFinding } from '../local/macie/make-finding';
import { FORWARD, startProxy } from '../test/cli/support/http-proxy';
import { startDynalite } from '../test/support/dynalite';
import { startMoto } from '../test/support/moto-server';
import { runCli } from './support/cli-process';
import { bucket, seedObjects } from './support/seed-objects';

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    memory: { type: 'string', default: '1000,10000,100000' },
    sample: { type: 'string', default: '50' },
    parts: { type: 'string', default: 'throughput,memory' },
    'heap-cap': { type: 'string', default: '32' },
  },
});
const parts = new Set(values.parts.split(','));
const heapCapMiB = Number(values['heap-cap']);
const findingCount = Number(values.findings);
const concurrency = Number(values.concurrency);
const memoryCounts = values.memory.split(',').map(Number);
const sampleSize = Number(values.sample);

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

interface Stack {
  readonly motoUrl: string;
  readonly macie: MacieStandIn;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
}

function addFindings(
  stack: Stack,
  source: string,
  objects: readonly { key: string; eTag?: string }[],
  type: SensitiveDataType,
): string[] {
  const start = Date.parse('2026-11-01T00:00:00Z');
  const findings = objects.map((o, i) =>
    makeFinding({
      bucket: source,
      key: o.key,
      type,
      ...(o.eTag ? { eTag: o.eTag } : {}),
      createdAt: new Date(start + i).toISOString(),
    }),
  );
  stack.macie.add(...findings);
  return findings.map((f) => f.id as string);
}

/** The findings/s the CLI's own report states (without process start-up). */
const reportedRate = (stdout: string): number => Number(/\(([\d.]+) findings\/s\)/.exec(stdout)?.[1] ?? Number.NaN);

function cliEnv(stack: Stack, quarantine: string, table: string, extra: Record<string, string> = {}) {
  return {
    AWS_ENDPOINT_URL: stack.motoUrl,
    AWS_ENDPOINT_URL_MACIE2: stack.macie.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    MACIE_REMEDIATE_QUARANTINE_BUCKET: quarantine,
    MACIE_REMEDIATE_LEDGER_TABLE: table,
    MACIE_REMEDIATE_MIN_SEVERITY: 'LOW',
    // moto's Security Hub holds no Macie findings: each outcome would only be recorded as owed there.
    MACIE_REMEDIATE_SECURITY_HUB: 'false',
    ...extra,
  };
}

/** An S3 client like `stack.s3` that counts every HTTP attempt it makes, by operation. */
function countingS3(stack: Stack): { readonly s3: S3Client; readonly counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const s3 = new S3Client({ region: 'us-east-1', endpoint: stack.motoUrl, credentials, forcePathStyle: true });
  // In the deserialize step, inside the retry loop: a retried request counts once per attempt.
  s3.middlewareStack.add(
    (next, context) => (args) => {
      counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'deserialize', name: 'benchRequestCounter' },
  );
  return { s3, counts };
}

/** (b) The ceiling: only copy, verify (HeadObject of the copy against the known ETag) and delete. */
async function ceiling(
  stack: Stack,
  source: string,
  quarantine: string,
  objects: readonly { key: string; eTag: string }[],
) {
  const { s3, counts } = countingS3(stack);
  const started = performance.now();
  await mapConcurrent(objects, concurrency, async ({ key, eTag }) => {
    const target = `bare/${source}/${key}`;
    await s3.send(
      new CopyObjectCommand({
        Bucket: quarantine,
        Key: target,
        CopySource: `${source}/${encodeURIComponent(key).replaceAll('%2F', '/')}`,
      }),
    );
    const copy = await s3.send(new HeadObjectCommand({ Bucket: quarantine, Key: target }));
    if (copy.ETag?.replaceAll('"', '') !== eTag) throw new Error(`copy of ${key} does not match`);
    await s3.send(new DeleteObjectCommand({ Bucket: source, Key: key }));
  });
  const seconds = (performance.now() - started) / 1000;
  s3.destroy();
  return { seconds, counts };
}

const AWS = '/usr/bin/aws';

/**
 * (a) An admin's shell loop: get the finding, then `aws s3 mv` its object, `concurrency` findings at once
 * (`xargs -P`), as fair a match for the backfill's concurrency as a shell gives. Debian's awscli v2 predates
 * the AWS_ENDPOINT_URL_* variables, hence `--endpoint-url` on each call.
 */
async function awsCliLoop(stack: Stack, source: string, quarantine: string, ids: readonly string[]) {
  const home = mkdtempSync(join(tmpdir(), 'bench-awscli-'));
  const perFinding = [
    `key=$(${AWS} macie2 get-findings --endpoint-url "$MACIE_URL" --finding-ids "$1" --query "findings[0].resourcesAffected.s3Object.key" --output text)`,
    `${AWS} s3 mv --endpoint-url "$S3_URL" --only-show-errors "s3://${source}/$key" "s3://${quarantine}/$1/${source}/$key"`,
  ].join(' && ');
  const script = `printf '%s\\n' $IDS | xargs -P ${concurrency} -I{} bash -c '${perFinding}' _ {}`;
  const started = performance.now();
  await new Promise<void>((resolve, reject) =>
    execFile(
      'bash',
      ['-c', script],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          IDS: ids.join(' '),
          S3_URL: stack.motoUrl,
          MACIE_URL: stack.macie.url,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
    ),
  );
  rmSync(home, { recursive: true, force: true });
  return (performance.now() - started) / 1000;
}

/** What the bare script sent, for the requests table: every HTTP attempt by operation, over `findings`. */
interface CeilingRequests {
  readonly findings: number;
  readonly counts: ReadonlyMap<string, number>;
}

async function throughputTable(stack: Stack, quarantine: string, table: string): Promise<CeilingRequests> {
  const source = await bucket(stack.s3, 'bench-backfill-source', false);
  const bareSource = await bucket(stack.s3, 'bench-bare-source', false);
  const cliSource = await bucket(stack.s3, 'bench-awscli-source', false);

  process.stderr.write(`seeding ${findingCount} objects and findings, twice (backfill, bare script)...\n`);
  const objects = await seedObjects(stack.s3, source, 'data', findingCount);
  addFindings(stack, source, objects, 'SensitiveData:S3Object/Financial');
  const bareObjects = await seedObjects(stack.s3, bareSource, 'data', findingCount);

  process.stderr.write('backfill...\n');
  const ours = await runCli(['backfill', '--concurrency', String(concurrency)], cliEnv(stack, quarantine, table));
  if (!ours.stdout.includes(`QUARANTINED  ${findingCount}`) && !ours.stdout.includes(`QUARANTINED │ ${findingCount}`)) {
    throw new Error(`backfill did not quarantine every finding:\n${ours.stdout}`);
  }
  const ourRate = reportedRate(ours.stdout);

  process.stderr.write('backfill with the ledger on dynalite...\n');
  const dynalite = await startDynalite();
  await createLedgerTable(dynalite.client(), table, { pollMs: 10 });
  stack.macie.clear();
  const dynaliteSource = await bucket(stack.s3, 'bench-backfill-source-2', false);
  addFindings(
    stack,
    dynaliteSource,
    await seedObjects(stack.s3, dynaliteSource, 'data', findingCount),
    'SensitiveData:S3Object/Financial',
  );
  const onDynalite = await runCli(
    ['backfill', '--concurrency', String(concurrency)],
    cliEnv(stack, quarantine, table, { AWS_ENDPOINT_URL_DYNAMODB: dynalite.url }),
  );
  await dynalite.stop();

  process.stderr.write('bare copy/verify/delete...\n');
  const { seconds: bareSeconds, counts: bareCounts } = await ceiling(stack, bareSource, quarantine, bareObjects);
  const bareRate = findingCount / bareSeconds;

  process.stderr.write(`aws CLI loop over ${sampleSize}, ${concurrency} at once...\n`);
  stack.macie.clear();
  const sample = await seedObjects(stack.s3, cliSource, 'sample', sampleSize);
  const ids = addFindings(stack, cliSource, sample, 'SensitiveData:S3Object/Financial');
  const loopSeconds = await awsCliLoop(stack, cliSource, quarantine, ids);
  const loopPerFinding = loopSeconds / sampleSize;

  console.log(
    `### Backfill of ${findingCount} AUTO findings (objects exist; ledger on moto; no Slack, no Security Hub), concurrency ${concurrency}\n`,
  );
  console.log('| run | findings | seconds | findings/s | per finding (ms) | peak RSS (MiB) | vs ours |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const ms = (rate: number) => (1000 / rate).toFixed(1);
  console.log(
    `| \`macie-remediate backfill\` (process; report's own rate, start-up excluded) | ${findingCount} | ${ours.seconds.toFixed(1)} | ${ourRate.toFixed(1)} | ${ms(ourRate)} | ${ours.peakRssMiB.toFixed(0)} | 1.0× |`,
  );
  const dynaliteRate = reportedRate(onDynalite.stdout);
  console.log(
    `| \`macie-remediate backfill\`, ledger on dynalite (S3 alone on moto) | ${findingCount} | ${onDynalite.seconds.toFixed(1)} | ${dynaliteRate.toFixed(1)} | ${ms(dynaliteRate)} | ${onDynalite.peakRssMiB.toFixed(0)} | ${(dynaliteRate / ourRate).toFixed(2)}× |`,
  );
  console.log(
    `| (b) bare CopyObject + HeadObject + DeleteObject, same concurrency | ${findingCount} | ${bareSeconds.toFixed(1)} | ${bareRate.toFixed(1)} | ${ms(bareRate)} | - | ${(bareRate / ourRate).toFixed(2)}× faster |`,
  );
  console.log(
    `| (a) shell: \`aws macie2 get-findings\` + \`aws s3 mv\` per finding, ${concurrency} at once (\`xargs -P ${concurrency}\`) | ${sampleSize} (sample) | ${loopSeconds.toFixed(1)} | ${(1 / loopPerFinding).toFixed(2)} | ${(loopPerFinding * 1000).toFixed(0)} | - | ${(loopPerFinding * ourRate).toFixed(0)}× slower |`,
  );
  return { findings: findingCount, counts: bareCounts };
}

/**
 * Requests per finding to each service: the backfill's counted through a proxy in front of moto on a small
 * run, the bare script's by its client over the timed run.
 */
async function callsPerFinding(stack: Stack, quarantine: string, table: string, bare: CeilingRequests): Promise<void> {
  const count = 200;
  const counts = { s3: 0, dynamodb: 0 };
  const proxy = await startProxy(stack.motoUrl, (req) => {
    // By the service the request is signed for: STS and Secrets Manager share the endpoint and count for neither.
    const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1];
    if (service === 'dynamodb') counts.dynamodb++;
    if (service === 's3') counts.s3++;
    return FORWARD;
  });
  stack.macie.clear();
  const source = await bucket(stack.s3, 'bench-calls-source', false);
  addFindings(stack, source, await seedObjects(stack.s3, source, 'data', count), 'SensitiveData:S3Object/Financial');
  stack.macie.clearRequests();
  await runCli(['backfill', '--concurrency', String(concurrency)], {
    ...cliEnv(stack, quarantine, table),
    AWS_ENDPOINT_URL: proxy.url,
  });
  await proxy.stop();
  const macieCalls = stack.macie.requests().length;
  const bareS3 = [...bare.counts.values()].reduce((sum, n) => sum + n, 0);
  const byOperation = [...bare.counts].map(([operation, n]) => `${operation} ${(n / bare.findings).toFixed(2)}`);
  console.log(
    `\nRequests per AUTO finding, counted: backfill over ${count} findings through a proxy in front of moto; the bare script over its ${bare.findings} by an SDK middleware on its client (${byOperation.join(', ')}):\n`,
  );
  console.log('| service | `macie-remediate backfill` | (b) bare script |');
  console.log('|---|---:|---:|');
  console.log(`| S3 | ${(counts.s3 / count).toFixed(2)} | ${(bareS3 / bare.findings).toFixed(2)} |`);
  console.log(`| DynamoDB (ledger) | ${(counts.dynamodb / count).toFixed(2)} | 0 |`);
  console.log(`| Macie | ${(macieCalls / count).toFixed(2)} | 0 |`);
}

async function memoryTable(stack: Stack, quarantine: string, table: string): Promise<void> {
  console.log('\n### Peak RSS of the backfill process as the finding count grows\n');
  console.log(
    'IGNORE-decided findings (type CustomIdentifier set to IGNORE): every finding is paged from Macie, parsed, decided and counted; no S3 or ledger work. `--macie-rate 1000` (the stand-in has no quota).\n',
  );
  console.log(
    `| findings | seconds (process) | findings/s (report) | peak RSS (MiB) | peak RSS, V8 heap capped at ${heapCapMiB} MiB (\`--max-old-space-size\`) |`,
  );
  console.log('|---:|---:|---:|---:|---:|');
  for (const count of memoryCounts) {
    stack.macie.clear();
    addFindings(
      stack,
      'bench-not-there',
      Array.from({ length: count }, (_, i) => ({ key: `k/${i}.csv` })),
      'SensitiveData:S3Object/CustomIdentifier',
    );
    const args = ['backfill', '--concurrency', String(concurrency), '--macie-rate', '1000'];
    const env = cliEnv(stack, quarantine, table, {
      MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: JSON.stringify({ 'SensitiveData:S3Object/CustomIdentifier': 'IGNORE' }),
    });
    const run = await runCli(args, env);
    // A heap that grew with the count would run out under a small cap; a bounded one completes the same.
    const capped = await runCli(args, env, { nodeFlags: [`--max-old-space-size=${heapCapMiB}`] });
    console.log(
      `| ${count} | ${run.seconds.toFixed(1)} | ${reportedRate(run.stdout).toFixed(0)} | ${run.peakRssMiB.toFixed(0)} | ${capped.peakRssMiB.toFixed(0)} |`,
    );
  }
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const moto = await startMoto();
  const macie = new MacieStandIn();
  await macie.start();
  const base = { region: 'us-east-1', endpoint: moto.url, credentials };
  const stack: Stack = {
    motoUrl: moto.url,
    macie,
    s3: new S3Client({ ...base, forcePathStyle: true }),
    dynamo: new DynamoDBClient(base),
  };
  try {
    const quarantine = await bucket(stack.s3, 'bench-quarantine', true);
    const table = 'bench-ledger';
    await createLedgerTable(stack.dynamo, table, { pollMs: 10 });
    const cpu = cpus()[0]?.model ?? 'unknown';
    const motoVersion = execSync('python3 -c "import moto; print(moto.__version__)"').toString().trim();
    const awsVersion = `${AWS}: ${execFileSync(AWS, ['--version']).toString().trim()}`;
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, moto ${motoVersion}, ${awsVersion}`,
    );
    console.log(
      `command: npx tsx bench/backfill.ts --findings ${findingCount} --concurrency ${concurrency} --memory ${values.memory} --sample ${sampleSize} --parts ${values.parts} --heap-cap ${heapCapMiB}\n`,
    );
    if (parts.has('throughput')) {
      const bare = await throughputTable(stack, quarantine, table);
      await callsPerFinding(stack, quarantine, table, bare);
    }
    if (parts.has('memory')) await memoryTable(stack, quarantine, table);
  } finally {
    await macie.stop();
    await moto.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
