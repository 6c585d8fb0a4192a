/**
 * Cold start of each bundled Lambda handler: a fresh Node process loads the bundle (built with esbuild exactly
 * as infra/MacieFunction.ts bundles it) and runs its first invocation against moto, the Slack stand-in and a
 * Lambda Invoke stand-in. Baseline: loading the monolithic aws-sdk v2 and making the S3, Macie2 and Lambda
 * clients at module scope, as the original solution's handlers did (no network in the baseline's invocation).
 *
 *   npx tsx bench/lambda-cold-start.ts [--runs 10]
 */
import { execFileSync, execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildSync } from 'esbuild';
import { buildRemediationDeps } from '../core/compose/build-remediation-deps';
import { loadSettings } from '../core/config';
import { parseFindingEvent } from '../core/finding/parse-finding-event';
import { createLedgerTable } from '../core/ledger/create-ledger-table';
import { receiveFinding } from '../core/remediation/receive-finding';
import { SlackStandIn } from '../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../local/slack/slack-defaults';
import { LambdaStandIn } from '../test/lambda/support/lambda-stand-in';
import { v2Event } from '../test/lambda/support/proxy-events';
import { buildFindingEvent } from '../test/support/fixtures';
import { startMoto } from '../test/support/moto-server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cold-start-'));
const ALICE = 'U0ALICE001';
const CHANNEL = 'C0FINDINGS1';

/** Runs a handler once in this fresh process and writes its timings (ms since the process started). */
const RUNNER = `
const { readFileSync, writeFileSync } = require('node:fs');
const [bundle, eventFile, outFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = { functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '256', awsRequestId: 'bench-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:bench', getRemainingTimeInMillis: () => 10000 };
const t0 = performance.now();
const mod = require(bundle);
const t1 = performance.now();
Promise.resolve(mod.handler(event, context)).then((result) => {
  const t2 = performance.now();
  writeFileSync(outFile, JSON.stringify({ load: t1 - t0, invoke: t2 - t1, total: t2, result }));
});
`;

const BASELINE = `
const AWS = require(${JSON.stringify(join(root, 'node_modules', 'aws-sdk'))});
const s3 = new AWS.S3();
const macie = new AWS.Macie2();
const lambda = new AWS.Lambda();
exports.handler = async () => ({ clients: [s3, macie, lambda].length });
`;

/** The bundling options of infra/MacieFunction.ts (NodejsFunction with bundleAwsSDK, CJS, minified). */
function bundle(entry: string, outfile: string): string {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'error',
    absWorkingDir: root,
  });
  return outfile;
}

interface Timing {
  readonly load: number;
  readonly invoke: number;
  readonly total: number;
  readonly wall: number;
  readonly result: unknown;
}

async function coldStart(bundlePath: string, event: unknown, env: Readonly<Record<string, string>>): Promise<Timing> {
  const eventFile = join(work, 'event.json');
  const outFile = join(work, 'out.json');
  writeFileSync(eventFile, JSON.stringify(event));
  rmSync(outFile, { force: true });
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(work, 'runner.js'), bundlePath, eventFile, outFile],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: 'ignore',
      },
    );
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`runner exited ${code}`))));
  });
  const wall = performance.now() - started;
  return { ...(JSON.parse(readFileSync(outFile, 'utf8')) as Omit<Timing, 'wall'>), wall };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  writeFileSync(join(work, 'runner.js'), RUNNER);
  writeFileSync(join(work, 'baseline.js'), BASELINE);
  const bundles = {
    'finding-handler': bundle('lambda/finding-handler.ts', join(work, 'finding-handler.js')),
    'remediation-handler': bundle('lambda/remediation-handler.ts', join(work, 'remediation-handler.js')),
    remediator: bundle('lambda/remediator.ts', join(work, 'remediator.js')),
    'aws-sdk v2 bundled (baseline)': bundle(join(work, 'baseline.js'), join(work, 'baseline-bundled.js')),
  };

  const moto = await startMoto();
  const slack = new SlackStandIn();
  await slack.start();
  const lambda = new LambdaStandIn();
  lambda.register('macie-remediator', async () => undefined);
  const lambdaUrl = await lambda.start();
  const aws = { region: 'us-east-1', endpoint: moto.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  const s3 = new S3Client({ ...aws, forcePathStyle: true });
  const dynamo = new DynamoDBClient(aws);
  for (const bucket of ['bench-source', 'bench-quarantine']) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  await createLedgerTable(dynamo, 'bench-ledger', { pollMs: 50 });
  const secret = { signingSecret: SLACK_DEFAULTS.signingSecret, botToken: SLACK_DEFAULTS.botToken };
  await new SecretsManagerClient(aws).send(
    new CreateSecretCommand({ Name: 'macie-remediate/slack', SecretString: JSON.stringify(secret) }),
  );

  // What infra/Functions.ts gives the functions; the endpoints point at the local stand-ins.
  const env = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_ENDPOINT_URL: moto.url,
    AWS_ENDPOINT_URL_LAMBDA: lambdaUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    LOG_LEVEL: 'WARN',
    MACIE_REMEDIATE_QUARANTINE_BUCKET: 'bench-quarantine',
    MACIE_REMEDIATE_LEDGER_TABLE: 'bench-ledger',
    MACIE_REMEDIATE_SECRET_ID: 'macie-remediate/slack',
    MACIE_REMEDIATE_REMEDIATOR_FUNCTION: 'macie-remediator',
    MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: JSON.stringify({ 'SensitiveData:S3Object/Personal': 'REVIEW' }),
    MACIE_REMEDIATE_SLACK_CHANNEL: CHANNEL,
    MACIE_REMEDIATE_SLACK_APPROVERS: ALICE,
    SLACK_API_URL: slack.apiUrl,
  };
  const settings = loadSettings({ env: { ...env, SLACK_BOT_TOKEN: secret.botToken } });
  const { deps } = buildRemediationDeps({ settings, s3, dynamo, dispatcher: { dispatch: async () => undefined } });
  let n = 0;
  /** A finding awaiting review whose object exists, with its message in the Slack stand-in. */
  const awaitingReview = async () => {
    const key = `hr/${++n}.csv`;
    const put = await s3.send(new PutObjectCommand({ Bucket: 'bench-source', Key: key, Body: 'name,address' }));
    const event = buildFindingEvent({
      type: 'Personal',
      bucket: 'bench-source',
      key,
      versionId: put.VersionId ?? '',
      eTag: (put.ETag ?? '').replaceAll('"', ''),
    });
    await receiveFinding(deps, parseFindingEvent(event));
    return { event, findingId: String(event.detail.id), message: slack.messages(CHANNEL).at(-1) };
  };
  slack.setInteractivityUrl('https://api.example/slack/actions');

  const inputs: Record<string, () => Promise<unknown>> = {
    'finding-handler': async () => buildFindingEvent({ type: 'Personal', key: `new/${++n}.csv` }),
    'remediation-handler': async () => {
      const { message } = await awaitingReview();
      if (!message) throw new Error('no review message');
      return v2Event(slack.buildClick({ ts: message.ts, actionId: 'remediate', userId: ALICE }));
    },
    remediator: async () => ({ kind: 'remediate', findingId: (await awaitingReview()).findingId, actor: 'auto' }),
    'aws-sdk v2 bundled (baseline)': async () => ({}),
  };

  const rows: string[] = [];
  for (const [name, path] of Object.entries(bundles)) {
    const timings: Timing[] = [];
    for (let i = 0; i < runs; i++) timings.push(await coldStart(path, await inputs[name]?.(), env));
    const size = statSync(path).size;
    const gz = gzipSync(readFileSync(path)).length;
    const ms = (pick: (t: Timing) => number) => median(timings.map(pick)).toFixed(0);
    const result = JSON.stringify(timings[0]?.result).slice(0, 60);
    rows.push(
      `| ${name} | ${(size / 1024).toFixed(0)} | ${(gz / 1024).toFixed(0)} | ${ms((t) => t.load)} | ${ms((t) => t.invoke)} | ${ms((t) => t.total)} | ${ms((t) => t.wall)} | \`${result}\` |`,
    );
  }
  const baselineRuns: Timing[] = [];
  for (let i = 0; i < runs; i++) baselineRuns.push(await coldStart(join(work, 'baseline.js'), {}, env));
  const baselineMs = (pick: (t: Timing) => number) => median(baselineRuns.map(pick)).toFixed(0);
  const onDisk = execFileSync('du', ['-sk', join(root, 'node_modules', 'aws-sdk')])
    .toString()
    .split('\t')[0];
  rows.push(
    `| aws-sdk v2 from node_modules (baseline, as the runtime provided it) | ${onDisk} on disk, unbundled | — | ${baselineMs((t) => t.load)} | ${baselineMs((t) => t.invoke)} | ${baselineMs((t) => t.total)} | ${baselineMs((t) => t.wall)} | — |`,
  );

  await Promise.all([slack.stop(), lambda.stop(), moto.stop()]);
  rmSync(work, { recursive: true, force: true });

  console.log(
    `| handler | bundle (KiB) | gzip (KiB) | load (ms) | first invocation (ms) | process start → answered (ms) | spawn → exit (ms) | first result |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
  const cpu = cpus()[0]?.model ?? 'unknown';
  console.log(
    `\nmedians of ${runs} fresh processes each; ${execSync('nproc').toString().trim()} cores, ${cpu}, node ${process.version}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
