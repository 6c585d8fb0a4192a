/**
 * The cost of the member role per finding: N objects of member accounts vs N of the own account moved through
 * the engine, side by side, against a moto server this script starts itself (behind a proxy that counts the
 * STS requests).
 *
 *   npx tsx bench/member-accounts.ts [--objects 200] [--accounts 2] [--rounds 5] [--concurrency 8]
 *
 * Each round builds a fresh engine (a new run: nothing cached), moves the own account's objects, then the
 * member accounts' (spread evenly over `--accounts`). Prints a markdown table of medians over the rounds.
 */
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AccountClients } from '../core/aws/account-clients';
import { memberRoleArn } from '../core/aws/member-credentials';
import { QuarantineEngine } from '../core/quarantine';
import { mapConcurrent } from '../core/quarantine/map-concurrent';
import type { QuarantineTarget } from '../core/types';
import { startMoto } from '../test/support/moto-server';
import { startSigningProxy } from '../test/support/signing-proxy';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '200' },
    accounts: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
  },
});
const objects = Number(values.objects);
const accountCount = Number(values.accounts);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

const ROLE = 'MacieRemediateMember';
/** moto's default account: the one the bench's own access key acts as. */
const OWN = '123456789012';
const MEMBERS = Array.from({ length: accountCount }, (_, i) => String(222200000000 + i * 1111));
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function s3At(endpoint: string, creds: S3ClientConfig['credentials'] = credentials, region = 'us-east-1') {
  return new S3Client({ region, endpoint, forcePathStyle: true, credentials: creds });
}

/** A bucket in `account` holding `count` small objects; the targets naming them. */
async function seed(url: string, account: string | undefined, name: string, count: number, from: number) {
  let s3 = s3At(url);
  if (account) {
    const sts = new STSClient({ region: 'us-east-1', endpoint: url, credentials });
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: memberRoleArn(account, ROLE), RoleSessionName: 'bench-setup' }),
    );
    s3 = s3At(url, {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken,
    });
  }
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  const keys = Array.from({ length: count }, (_, i) => `records/${from + i}.csv`);
  await mapConcurrent(keys, 16, (key) => s3.send(new PutObjectCommand({ Bucket: name, Key: key, Body: `ssn,${key}` })));
  return keys.map(
    (key): QuarantineTarget => ({
      findingId: `${name}-${key.replace(/\W/g, '')}`,
      source: { bucket: name, key, ...(account ? { account, region: 'us-east-1' } : {}) },
      actor: 'bench',
    }),
  );
}

async function run(engine: QuarantineEngine, targets: readonly QuarantineTarget[]): Promise<number> {
  const started = performance.now();
  const results = await mapConcurrent(targets, concurrency, (t) => engine.quarantine(t));
  const ms = performance.now() - started;
  const failed = results.filter((r) => r.outcome !== 'QUARANTINED');
  if (failed.length > 0) throw new Error(`${failed.length} not quarantined: ${JSON.stringify(failed[0])}`);
  return ms / targets.length;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const moto = await startMoto({ accounts: 'per-credentials' });
  const proxy = await startSigningProxy(moto.url);
  try {
    const own = s3At(proxy.url);
    const perRound: { own: number; member: number; assumed: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const quarantineBucket = `bench-q-${round}`;
      await own.send(new CreateBucketCommand({ Bucket: quarantineBucket }));
      const ownTargets = await seed(moto.url, undefined, `bench-own-${round}`, objects, 0);
      const perAccount = Math.ceil(objects / MEMBERS.length);
      const memberTargets = (
        await Promise.all(MEMBERS.map((a, i) => seed(moto.url, a, `bench-m${i}-${round}`, perAccount, 0)))
      )
        .flat()
        .slice(0, objects);
      const sts = new STSClient({ region: 'us-east-1', endpoint: proxy.url, credentials });
      const engine = new QuarantineEngine({
        s3: own,
        quarantineBucket,
        accounts: new AccountClients({
          home: own,
          ownAccount: async () => OWN,
          memberAccounts: MEMBERS,
          memberRoleName: ROLE,
          reach: { sts: () => sts, s3: ({ region, credentials: c }) => s3At(proxy.url, c, region) },
          clock: () => new Date(),
        }),
      });
      const mark = proxy.requests.length;
      const ownMs = await run(engine, ownTargets);
      const memberMs = await run(engine, memberTargets);
      const assumed = proxy.requests.slice(mark).filter((r) => r.action === 'AssumeRole').length;
      perRound.push({ own: ownMs, member: memberMs, assumed });
    }
    const ownMs = median(perRound.map((r) => r.own));
    const memberMs = median(perRound.map((r) => r.member));
    const cpu = cpus()[0]?.model ?? 'unknown';
    const motoVersion = execSync('python3 -c "import moto; print(moto.__version__)"').toString().trim();
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, node ${process.version}, moto ${motoVersion}`,
    );
    console.log(
      `command: npx tsx bench/member-accounts.ts --objects ${objects} --accounts ${accountCount} --rounds ${rounds} --concurrency ${concurrency}\n`,
    );
    console.log('| objects of | ms per finding (median) | ratio | AssumeRole requests per run |');
    console.log('|---|---:|---:|---:|');
    console.log(`| the own account | ${ownMs.toFixed(1)} | 1.00× | 0 |`);
    console.log(
      `| ${accountCount} member account${accountCount === 1 ? '' : 's'} | ${memberMs.toFixed(1)} | ${(memberMs / ownMs).toFixed(2)}× | ${perRound.map((r) => r.assumed).join(', ')} |`,
    );
  } finally {
    await proxy.stop();
    await moto.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
