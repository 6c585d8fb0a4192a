/**
 * Cold start of each bundled Lambda handler against aws-sdk v2, in one run, side by side:
 * 1. Module load: a fresh Node process requires the module and exits, next to a process that requires an empty
 *    module (bare node); each module's cost is its process time over bare node's in the same round. Every module
 *    is loaded with and without `--enable-source-maps` (our functions run with it: infra/MacieFunction.ts). The
 *    baseline leads as the Node.js runtime shipped it: a plain `require('aws-sdk')` resolved through NODE_PATH
 *    from node_modules (not bundled), plus the S3, Macie2 and Lambda clients the original handlers made at module
 *    scope; a bundled v2 is shown too.
 * 2. First invocation: each handler (built with esbuild exactly as infra/MacieFunction.ts bundles it) loads and
 *    handles a real event against moto, the Slack stand-in and a Lambda Invoke stand-in, in both modes.
 * Rounds are interleaved (every variant once per round, the order rotated), so a busy machine slows all alike.
 *
 *   npx tsx bench/lambda-cold-start.ts [--runs 10]
 */
import { execFileSync, execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type AttributeValue, DeleteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildSync } from 'esbuild';
import { buildRemediationDeps } from '../core/compose/build-remediation-deps';
import { loadSettings } from '../core/config';
import { parseFindingEvent } from '../core/finding/parse-finding';
import { createLedgerTable } from '../core/ledger/create-ledger-table';
import { receiveFinding } from '../core/remediation/receive-finding';
import { bundleFunction } from '../infra/bundle-function';
import { BUNDLE_OPTIONS } from '../infra/lambda-bundle';
import { SlackStandIn } from '../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../local/slack/slack-defaults';
import { v2Event } from '../test/lambda/support/proxy-events';
import { buildFindingEvent, FIXTURE_ACCOUNT } from '../test/support/fixtures';
import { LambdaStandIn } from '../test/support/lambda-stand-in';
import { startMoto } from '../test/support/moto-server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cold-start-'));
const ALICE = 'U0ALICE001';
const CHANNEL = 'C0FINDINGS1';

/** Requires a module in this fresh process and, given an event, runs its handler once; writes its timings (ms). */
const RUNNER = `
const { readFileSync, writeFileSync } = require('node:fs');
const [bundle, eventFile, outFile] = process.argv.slice(2);
const context = { functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '256', awsRequestId: 'bench-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:bench', getRemainingTimeInMillis: () => 10000 };
const t0 = performance.now();
const mod = require(bundle);
const t1 = performance.now();
if (eventFile === '-') writeFileSync(outFile, JSON.stringify({ load: t1 - t0, invoke: 0, total: t1 }));
else Promise.resolve(mod.handler(JSON.parse(readFileSync(eventFile, 'utf8')), context)).then((result) => {
  const t2 = performance.now();
  writeFileSync(outFile, JSON.stringify({ load: t1 - t0, invoke: t2 - t1, total: t2, result }));
});
`;

/** The original handlers' module scope: v2 and three clients. A plain require, resolved as the runtime did. */
const BASELINE = `
const AWS = require('aws-sdk');
const s3 = new AWS.S3();
const macie = new AWS.Macie2();
const lambda = new AWS.Lambda();
exports.handler = async () => ({ clients: [s3, macie, lambda].length });
`;

const EMPTY = 'exports.handler = async () => ({});\n';

/** The two ways a module is loaded: as the old runtime ran v2, and as our functions run (NODE_OPTIONS). */
const MODES = { plain: [], 'source maps': ['--enable-source-maps'] } as const;
type Mode = keyof typeof MODES;

/** The baseline bundled with the options the stack gives our functions (infra/lambda-bundle.ts). */
function bundleBaseline(entry: string, outfile: string): string {
  buildSync({
    ...BUNDLE_OPTIONS,
    entryPoints: [entry],
    outfile,
    logLevel: 'error',
    absWorkingDir: root,
    // The baseline's plain require('aws-sdk') is written outside the project.
    nodePaths: [join(root, 'node_modules')],
  });
  return outfile;
}

/** A handler's asset as the stack ships it: its bundle, and beside it the SDK chunks it requires on first use. */
const handlerAsset = async (name: string): Promise<string> =>
  (await bundleFunction(`lambda/${name}.ts`, join(work, name))).file;

interface Timing {
  readonly load: number;
  readonly invoke: number;
  readonly total: number;
  readonly wall: number;
  readonly result: unknown;
}

/** One fresh process: requires `modulePath` and, given an event, handles it. */
async function coldStart(
  modulePath: string,
  event: unknown,
  mode: Mode,
  env: Readonly<Record<string, string>>,
): Promise<Timing> {
  const eventFile = event === undefined ? '-' : join(work, 'event.json');
  const outFile = join(work, 'out.json');
  if (event !== undefined) writeFileSync(eventFile, JSON.stringify(event));
  rmSync(outFile, { force: true });
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [...MODES[mode], join(work, 'runner.js'), modulePath, eventFile, outFile], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`runner exited ${code} for ${modulePath}`))));
  });
  const wall = performance.now() - started;
  return { ...(JSON.parse(readFileSync(outFile, 'utf8')) as Omit<Timing, 'wall'>), wall };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** `items` starting at position `by`: round `by` of an interleaved run starts with a different variant. */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length] as T);

async function main(): Promise<void> {
  writeFileSync(join(work, 'runner.js'), RUNNER);
  writeFileSync(join(work, 'baseline.js'), BASELINE);
  writeFileSync(join(work, 'empty.js'), EMPTY);
  const handlers = {
    'finding-handler': await handlerAsset('finding-handler'),
    'remediation-handler': await handlerAsset('remediation-handler'),
    remediator: await handlerAsset('remediator'),
  };
  const V2_RUNTIME = 'baseline: aws-sdk v2 as the runtime shipped it (`require` from node_modules)';
  const BARE = 'bare node (an empty module)';
  const modules: Record<string, string> = {
    [V2_RUNTIME]: join(work, 'baseline.js'),
    'baseline: aws-sdk v2 bundled with esbuild': bundleBaseline(
      join(work, 'baseline.js'),
      join(work, 'baseline-bundled.js'),
    ),
    ...handlers,
    [BARE]: join(work, 'empty.js'),
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
    // Where the runtime's own aws-sdk v2 was found; our bundles resolve nothing through it.
    NODE_PATH: join(root, 'node_modules'),
    LOG_LEVEL: 'WARN',
    // The stack's own account (moto's, the sample findings').
    MACIE_REMEDIATE_ACCOUNT_ID: FIXTURE_ACCOUNT,
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
  /**
   * The bench raises more reviews than the flood threshold allows messages for (core/remediation/announce-review.ts);
   * it measures one review message at a time, so each invocation starts with no review counted.
   */
  const forgetReviewTallies = async () => {
    const { Items = [] } = await dynamo.send(new ScanCommand({ TableName: 'bench-ledger' }));
    for (const item of Items.filter((i) => i.itemType?.S === 'REVIEW_TALLY')) {
      await dynamo.send(
        new DeleteItemCommand({ TableName: 'bench-ledger', Key: { findingId: item.findingId as AttributeValue } }),
      );
    }
  };
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

  const events: Record<keyof typeof handlers, () => Promise<unknown>> = {
    'finding-handler': async () => buildFindingEvent({ type: 'Personal', key: `new/${++n}.csv` }),
    'remediation-handler': async () => {
      const { message } = await awaitingReview();
      if (!message) throw new Error('no review message');
      return v2Event(slack.buildClick({ ts: message.ts, actionId: 'remediate', userId: ALICE }));
    },
    remediator: async () => ({ kind: 'remediate', findingId: (await awaitingReview()).findingId, actor: 'auto' }),
  };
  const modes = Object.keys(MODES) as Mode[];

  // 1. Module load only, every module in both modes once per round.
  const loads = new Map<string, Timing[]>();
  const variants = Object.keys(modules).flatMap((name) => modes.map((mode) => ({ name, mode })));
  for (let round = 0; round < runs; round++) {
    for (const { name, mode } of rotate(variants, round)) {
      const key = `${name}|${mode}`;
      loads.set(key, [...(loads.get(key) ?? []), await coldStart(modules[name] as string, undefined, mode, env)]);
    }
  }
  // 2. First invocation with real work, every handler in both modes once per round.
  const invocations = new Map<string, Timing[]>();
  const handlerVariants = Object.keys(handlers).flatMap((name) => modes.map((mode) => ({ name, mode })));
  for (let round = 0; round < runs; round++) {
    for (const { name, mode } of rotate(handlerVariants, round)) {
      const key = `${name}|${mode}`;
      await forgetReviewTallies();
      const event = await events[name as keyof typeof handlers]();
      const timing = await coldStart(modules[name] as string, event, mode, env);
      invocations.set(key, [...(invocations.get(key) ?? []), timing]);
    }
  }
  await Promise.all([slack.stop(), lambda.stop(), moto.stop()]);

  const ms = (xs: readonly number[]) => median(xs).toFixed(0);
  /** Per round, the module's process time minus bare node's in the same mode and round. */
  const overBare = (name: string, mode: Mode) =>
    median((loads.get(`${name}|${mode}`) ?? []).map((t, i) => t.wall - (loads.get(`${BARE}|${mode}`)?.[i]?.wall ?? 0)));
  const v2Runtime = overBare(V2_RUNTIME, 'plain');
  const size = (path: string) =>
    path === modules[V2_RUNTIME]
      ? `${
          execFileSync('du', ['-sk', join(root, 'node_modules', 'aws-sdk')])
            .toString()
            .split('\t')[0]
        } on disk | —`
      : `${(statSync(path).size / 1024).toFixed(0)} | ${(gzipSync(readFileSync(path)).length / 1024).toFixed(0)}`;

  const cpu = cpus()[0]?.model ?? 'unknown';
  const sdkV2 = JSON.parse(readFileSync(join(root, 'node_modules', 'aws-sdk', 'package.json'), 'utf8')).version;
  console.log(
    `machine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, node ${process.version}, aws-sdk ${sdkV2}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`command: npx tsx bench/lambda-cold-start.ts --runs ${runs}; medians of ${runs} interleaved rounds\n`);
  console.log('### Module load (require, no invocation)\n');
  console.log(
    '| module | size (KiB) | gzip (KiB) | require (ms) | process over bare node (ms) | vs v2 as shipped | require, --enable-source-maps (ms) | process over bare node, --enable-source-maps (ms) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, path] of Object.entries(modules)) {
    const times = (mode: Mode) => loads.get(`${name}|${mode}`) ?? [];
    if (name === BARE) {
      const wall = (mode: Mode) => `${ms(times(mode).map((t) => t.wall))} (whole process)`;
      console.log(
        `| ${name} | — | — | ${ms(times('plain').map((t) => t.load))} | ${wall('plain')} | — | ${ms(times('source maps').map((t) => t.load))} | ${wall('source maps')} |`,
      );
      continue;
    }
    const plain = overBare(name, 'plain');
    console.log(
      `| ${name} | ${size(path)} | ${ms(times('plain').map((t) => t.load))} | ${plain.toFixed(0)} | ${(plain / v2Runtime).toFixed(2)}× | ${ms(times('source maps').map((t) => t.load))} | ${overBare(name, 'source maps').toFixed(0)} |`,
    );
  }

  console.log('\n### First invocation (a real event against moto and the stand-ins)\n');
  console.log(
    '| handler | mode | load (ms) | first invocation (ms) | process start → answered (ms) | spawn → exit (ms) | first result |',
  );
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const name of Object.keys(handlers)) {
    for (const mode of modes) {
      const times = invocations.get(`${name}|${mode}`) ?? [];
      const result = JSON.stringify(times[0]?.result).slice(0, 60);
      console.log(
        `| ${name} | ${mode === 'plain' ? 'no source maps' : '--enable-source-maps'} | ${ms(times.map((t) => t.load))} | ${ms(times.map((t) => t.invoke))} | ${ms(times.map((t) => t.total))} | ${ms(times.map((t) => t.wall))} | \`${result}\` |`,
      );
    }
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
