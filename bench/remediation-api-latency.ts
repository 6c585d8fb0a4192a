/**
 * The remediation handler's time to answer Slack, over loopback through `macie-remediate serve`.
 *
 *   npx tsx bench/remediation-api-latency.ts [--requests 1000] [--concurrency 1,16]
 *
 * Each request is a distinct, validly signed Remediate click on its own finding awaiting review: the handler
 * verifies the signature, re-reads the finding from the ledger, authorizes the user, claims the finding with a
 * conditional write, shows "in progress" through the click's response_url and hands the job to the remediator
 * function (asynchronous Invoke). The ledger is dynalite, Slack and the Lambda Invoke API are local stand-ins,
 * all in this process; serve runs in its own process as a developer would run it.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { buildRemediationDeps } from '../core/compose/build-remediation-deps';
import { loadSettings } from '../core/config';
import { createLedgerTable } from '../core/ledger/create-ledger-table';
import { mapConcurrent } from '../core/quarantine/map-concurrent';
import { receiveFinding } from '../core/remediation/receive-finding';
import { SlackStandIn } from '../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../local/slack/slack-defaults';
import { startDynalite } from '../test/support/dynalite';
import { buildFinding } from '../test/support/fixtures';
import { LambdaStandIn } from '../test/support/lambda-stand-in';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '1,16' } },
});
const requests = Number(values.requests);
const concurrencies = values.concurrency.split(',').map(Number);
const WARM_UP = 50;
const ALICE = 'U0ALICE001';
const CHANNEL = 'C0FINDINGS1';

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function startServe(env: Readonly<Record<string, string>>): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(__dirname, '..', 'bin', 'macie-remediate.js');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
      const match = /listening on (http:\/\/\S+?) /.exec(stderr);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
  });
}

async function main(): Promise<void> {
  const dynalite = await startDynalite();
  const slack = new SlackStandIn();
  await slack.start();
  const lambda = new LambdaStandIn();
  lambda.register('macie-remediator', async () => undefined);
  const lambdaUrl = await lambda.start();
  const table = 'ledger-bench';
  await createLedgerTable(dynalite.client(), table, { pollMs: 10 });

  const env = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.url,
    AWS_ENDPOINT_URL_LAMBDA: lambdaUrl,
    MACIE_REMEDIATE_QUARANTINE_BUCKET: 'quarantine-bench',
    MACIE_REMEDIATE_LEDGER_TABLE: table,
    MACIE_REMEDIATE_REMEDIATOR_FUNCTION: 'macie-remediator',
    MACIE_REMEDIATE_SLACK_CHANNEL: CHANNEL,
    MACIE_REMEDIATE_SLACK_APPROVERS: ALICE,
    SLACK_SIGNING_SECRET: SLACK_DEFAULTS.signingSecret,
    SLACK_BOT_TOKEN: SLACK_DEFAULTS.botToken,
    SLACK_API_URL: slack.apiUrl,
  };

  // Findings awaiting review, each with its message in the stand-in, as the finding handler leaves them.
  const settings = loadSettings({ env });
  const { deps } = buildRemediationDeps({
    settings,
    s3: new S3Client({ region: 'us-east-1' }),
    dynamo: dynalite.client(),
    dispatcher: { dispatch: async () => undefined },
  });
  const total = WARM_UP + requests * concurrencies.length;
  process.stderr.write(`seeding ${total} findings awaiting review...\n`);
  const ids = Array.from({ length: total }, (_, i) => `bench${String(i).padStart(27, '0')}`);
  await mapConcurrent(ids, 16, (id, i) =>
    receiveFinding(deps, buildFinding({ id, type: 'Personal', key: `hr/${i}.csv`, versionId: `v${i}` })),
  );
  const messages = slack.messages(CHANNEL);

  const { url, child } = await startServe(env);
  slack.setInteractivityUrl(`${url}/slack/actions`);
  let next = 0;
  const click = async (): Promise<number> => {
    const message = messages[next++];
    if (!message) throw new Error('ran out of findings');
    const request = slack.buildClick({ ts: message.ts, actionId: 'remediate', userId: ALICE });
    const started = performance.now();
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`click answered ${response.status}`);
    return elapsed;
  };

  for (let i = 0; i < WARM_UP; i++) await click();
  const rows: string[] = [];
  for (const concurrency of concurrencies) {
    const started = performance.now();
    const times = await mapConcurrent(Array.from({ length: requests }), concurrency, () => click());
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...times].sort((a, b) => a - b);
    const ms = (p: number) => percentile(sorted, p).toFixed(1);
    rows.push(
      `| ${concurrency} | ${requests} | ${ms(50)} | ${ms(90)} | ${ms(99)} | ${ms(100)} | ${(requests / seconds).toFixed(0)} |`,
    );
  }
  const invoked = lambda.invocations.filter((i) => i.invocationType === 'Event').length;

  child.kill('SIGINT');
  await new Promise((resolve) => child.on('exit', resolve));
  await Promise.all([slack.stop(), lambda.stop(), dynalite.stop()]);

  console.log('| concurrency | requests | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests/s |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const cpu = cpus()[0]?.model ?? 'unknown';
  console.log(
    `\n${invoked} remediator invocations (Event); machine: ${execSync('nproc').toString().trim()} cores, ${cpu}, node ${process.version}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
