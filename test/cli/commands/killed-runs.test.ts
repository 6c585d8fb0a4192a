import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { QuarantineEngine } from '../../../core/quarantine';
import type { LedgerRecord, LedgerState } from '../../../core/types/ledger';
import { buildCli } from '../../support/built-cli';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';
import { FORWARD, type ProxiedRequest, startProxy } from '../support/http-proxy';
import { exited, spawnCli } from '../support/spawn-cli';

/** These tests start several CLI processes one after another (seconds each on a busy 2-core machine). */
const SEVERAL_PROCESSES_BUDGET_MS = 180_000;

/** Nothing here is about Slack's pace (test/core/remediation/review-flood is): runs post 10 ms apart. */
const SLACK_INTERVAL_MS = 10;

const json = (run: Pick<CliRun, 'stdout'>) =>
  JSON.parse(run.stdout) as { results: { findingId: string; outcome: string }[] };

/** A pid of this host that no longer runs: a finished child's. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;

const bodyOf = async (stack: CliStack, bucket: string, key: string): Promise<string | undefined> =>
  stack.s3
    .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    .then((r) => r.Body?.transformToString())
    .catch(() => undefined);

/** Every version of the finding's quarantined copy, delete markers left out. */
const copies = async (stack: CliStack, id: string): Promise<number> => {
  const listed = await stack.s3.send(
    new ListObjectVersionsCommand({ Bucket: stack.quarantineBucket, Prefix: `${id}/` }),
  );
  return listed.Versions?.length ?? 0;
};

describe('A killed run, then the same command again', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack({ slackIntervalMs: SLACK_INTERVAL_MS });
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** Writes the record as a SIGKILLed CLI leaves it: in a working state, its lease held by a dead process. */
  async function killedIn(record: LedgerRecord, state: 'REMEDIATING' | 'RESTORING'): Promise<void> {
    const lease = {
      owner: `cli:killed#${state}`,
      actor: 'cli:killed',
      takenAt: '2026-11-27T12:00:00.000Z',
      expiresAt: '2999-01-01T00:00:00.000Z',
      host: hostname(),
      pid: deadPid(),
    };
    const item = { ...record, state, lease, schemaVersion: 1 };
    await DynamoDBDocumentClient.from(stack.dynamo, { marshallOptions: { removeUndefinedValues: true } }).send(
      new PutCommand({ TableName: stack.table, Item: item }),
    );
  }

  /** Quarantines `count` fresh AUTO findings, returning each with its object's key and bytes. */
  async function quarantined(prefix: string, count: number) {
    const findings = await stack.seed(count, 'SensitiveData:S3Object/Financial', { prefix });
    const ids = findings.map((f) => f.id as string);
    const run = await stack.run(['remediate', ...ids, '--yes', '--json']);
    expect(run.code).toBe(0);
    return Promise.all(
      ids.map(async (id) => {
        const record = await stack.ledger.get(id);
        if (!record) throw new Error(`${id} is not in the ledger`);
        const key = record.source.key;
        const quarantineKey = `${id}/${stack.sourceBucket}/${key}`;
        const bytes = await bodyOf(stack, stack.quarantineBucket, quarantineKey);
        if (!bytes) throw new Error(`${id} was not quarantined`);
        return { id, key, quarantineKey, bytes, record };
      }),
    );
  }

  it('remediate finishes moves killed before the delete, after it, and right after taking the finding', async () => {
    // Prepare: three findings as a kill at each point leaves them
    const [beforeDelete, afterDelete, nothingCopied] = await quarantined('killed-move', 3);
    if (!beforeDelete || !afterDelete || !nothingCopied) throw new Error('seeding failed');
    for (const f of [beforeDelete, nothingCopied]) {
      await stack.s3.send(new PutObjectCommand({ Bucket: stack.sourceBucket, Key: f.key, Body: f.bytes }));
    }
    const versions = await stack.s3.send(
      new ListObjectVersionsCommand({ Bucket: stack.quarantineBucket, Prefix: `${nothingCopied.id}/` }),
    );
    for (const v of versions.Versions ?? []) {
      await stack.s3.send(
        new DeleteObjectCommand({ Bucket: stack.quarantineBucket, Key: v.Key, VersionId: v.VersionId }),
      );
    }
    for (const f of [beforeDelete, afterDelete, nothingCopied]) await killedIn(f.record, 'REMEDIATING');

    // Act
    const rerun = await stack.run(['remediate', beforeDelete.id, afterDelete.id, nothingCopied.id, '--yes', '--json']);

    // Assess: exit 0, every object in quarantine only, with its bytes, and the ledger agrees
    expect(rerun.code).toBe(0);
    for (const result of json(rerun).results) expect(['QUARANTINED', 'ALREADY_QUARANTINED']).toContain(result.outcome);
    for (const f of [beforeDelete, afterDelete, nothingCopied]) {
      expect(await bodyOf(stack, stack.sourceBucket, f.key)).toBeUndefined();
      expect(await bodyOf(stack, stack.quarantineBucket, f.quarantineKey)).toBe(f.bytes);
      const record = await stack.ledger.get(f.id);
      expect(record?.state).toBe('QUARANTINED');
      expect(record?.lease).toBeUndefined();
      expect(record?.history.at(-2)?.action ?? record?.history.at(-1)?.action).toMatch(
        /remediation-resumed|quarantined/,
      );
    }
    const listed = await stack.run(['list', 'quarantined', '--json']);
    for (const f of [beforeDelete, afterDelete, nothingCopied]) expect(listed.stdout).toContain(f.id);
  });

  it('restore finishes restores killed after the copy back and right after taking the finding', async () => {
    // Prepare
    const [copiedBack, notStarted] = await quarantined('killed-restore', 2);
    if (!copiedBack || !notStarted) throw new Error('seeding failed');
    await stack.s3.send(
      new PutObjectCommand({ Bucket: stack.sourceBucket, Key: copiedBack.key, Body: copiedBack.bytes }),
    );
    for (const f of [copiedBack, notStarted]) await killedIn(f.record, 'RESTORING');

    // Act
    const rerun = await stack.run(['restore', copiedBack.id, notStarted.id, '--yes', '--json']);

    // Assess
    expect(rerun.code).toBe(0);
    expect(json(rerun).results.map((r) => r.outcome)).toEqual(['RESTORED', 'RESTORED']);
    for (const f of [copiedBack, notStarted]) {
      expect(await bodyOf(stack, stack.sourceBucket, f.key)).toBe(f.bytes);
      expect(await copies(stack, f.id)).toBe(0);
      const record = await stack.ledger.get(f.id);
      expect(record?.state).toBe('RESTORED');
      expect(record?.lease).toBeUndefined();
    }
  });

  it('restore reports RESTORED for a restore killed after it removed the quarantined copy, before the ledger write', async () => {
    // Prepare: the engine ran the whole restore (the object back, the copy gone); the ledger never heard of it
    const [finished] = await quarantined('killed-restore-done', 1);
    if (!finished) throw new Error('seeding failed');
    const engine = new QuarantineEngine({ s3: stack.s3, quarantineBucket: stack.quarantineBucket });
    expect((await engine.restore({ findingId: finished.id, actor: 'cli:killed' })).outcome).toBe('RESTORED');
    await killedIn(finished.record, 'RESTORING');

    // Act
    const rerun = await stack.run(['restore', finished.id, '--yes', '--json']);

    // Assess
    expect(rerun.code).toBe(0);
    expect(json(rerun).results.map((r) => r.outcome)).toEqual(['RESTORED']);
    expect(await bodyOf(stack, stack.sourceBucket, finished.key)).toBe(finished.bytes);
    expect(await copies(stack, finished.id)).toBe(0);
    const record = await stack.ledger.get(finished.id);
    expect(record?.state).toBe('RESTORED');
    expect(record?.lease).toBeUndefined();
  });

  it('leaves a finding a live run holds alone: PLANNED "in progress by …", exit 0, nothing moved', async () => {
    // Prepare: the lease of this very process, which runs
    const [held] = await quarantined('held', 1);
    if (!held) throw new Error('seeding failed');
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.sourceBucket, Key: held.key, Body: held.bytes }));
    const lease = {
      owner: 'cli:alice#live',
      actor: 'cli:alice',
      takenAt: '2026-11-27T12:00:00.000Z',
      expiresAt: '2999-01-01T00:00:00.000Z',
      host: hostname(),
      pid: process.ppid,
    };
    await DynamoDBDocumentClient.from(stack.dynamo, { marshallOptions: { removeUndefinedValues: true } }).send(
      new PutCommand({
        TableName: stack.table,
        Item: { ...held.record, state: 'REMEDIATING', lease, schemaVersion: 1 },
      }),
    );

    // Act
    const rerun = await stack.run(['remediate', held.id, '--yes', '--json']);

    // Assess
    expect(rerun.code).toBe(0);
    expect(json(rerun).results).toEqual([
      expect.objectContaining({
        outcome: 'PLANNED',
        reason: 'in progress by cli:alice since 2026-11-27T12:00:00.000Z',
      }),
    ]);
    expect(await bodyOf(stack, stack.sourceBucket, held.key)).toBe(held.bytes);
  });

  it('two findings on one unversioned object in one run: the second is linked to the first, never FAILED', async () => {
    // Prepare
    const object = await stack.putObject('twice/scanned.csv');
    const first = stack.addFinding(object, 'SensitiveData:S3Object/Financial', { createdAt: '2026-11-02T00:00:00Z' });
    const second = stack.addFinding(object, 'SensitiveData:S3Object/Financial', { createdAt: '2026-11-02T00:00:01Z' });

    // Act
    const run = await stack.run(['remediate', first.id as string, second.id as string, '--yes', '--json']);

    // Assess
    expect(run.code).toBe(0);
    const outcomes = json(run)
      .results.map((r) => r.outcome)
      .sort();
    expect(outcomes).toEqual(['ALREADY_QUARANTINED', 'QUARANTINED']);
    expect(run.stdout).toMatch(/same object as finding/);
  });
});

/** Which S3 request makes a step of a move or a restore (path-style addressing, as against moto). */
type Step = (req: ProxiedRequest) => boolean;
const readsTagsIn =
  (bucket: string): Step =>
  (req) =>
    req.method === 'GET' && req.path.startsWith(`/${bucket}/`) && /[?&]tagging(=|&|$)/.test(req.path);
const copiesInto =
  (bucket: string): Step =>
  (req) =>
    req.method === 'PUT' && Boolean(req.headers['x-amz-copy-source']) && req.path.startsWith(`/${bucket}/`);
const deletesFrom =
  (bucket: string): Step =>
  (req) =>
    req.method === 'DELETE' && req.path.startsWith(`/${bucket}/`);

describe('A bulk run SIGKILLed at several points, rerun between the kills', () => {
  let stack: CliStack;
  let built: string;
  /** Each run a process of its own: the CLI compiled, on node alone. */
  let cli: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startCliStack({ slackIntervalMs: SLACK_INTERVAL_MS });
    built = mkdtempSync(join(tmpdir(), 'macie-remediate-built-'));
    cli = buildCli(built);
    env = { ...stack.env, TEST_SLACK_INTERVAL_MS: String(SLACK_INTERVAL_MS) };
  });

  afterAll(async () => {
    await stack.stop();
    rmSync(built, { recursive: true, force: true });
  });

  /**
   * Runs the CLI (`args` and its flags, then two items at a time, JSON out) with S3 behind a proxy that lets the first `forward` requests of
   * `step` through and holds every later one, and SIGKILLs it once two are held: both its slots stand at
   * that step, and every item before them is finished.
   */
  async function killAt(args: readonly string[], step: Step, forward: number): Promise<void> {
    let seen = 0;
    let bothHeld: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      bothHeld = resolve;
    });
    const never = new Promise<void>(() => {});
    const s3 = await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
      if (!step(req)) return FORWARD;
      seen++;
      if (seen <= forward) return FORWARD;
      if (seen === forward + 2) bothHeld();
      return { kind: 'hold', until: never };
    });
    const child = spawnCli(
      [...args, '--json', '--concurrency', '2'],
      { ...env, AWS_ENDPOINT_URL_S3: s3.url },
      stack.cwd,
      cli,
    );
    const done = exited(child);
    const early = await Promise.race([held.then(() => undefined), done]);
    if (early) throw new Error(`the run ended before two requests were held (exit ${early.code}):\n${early.stderr}`);
    child.kill('SIGKILL');
    await done;
    await s3.stop();
  }

  /** How many of the findings are in each ledger state, and whether any still has a lease. */
  async function ledgerStates(ids: readonly string[]): Promise<Partial<Record<LedgerState, number>>> {
    const counts: Partial<Record<LedgerState, number>> = {};
    for (const id of ids) {
      const state = (await stack.ledger.get(id))?.state;
      if (state) counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  }

  /** `count` AUTO findings created from `since` on, and each object's bytes by key. */
  async function seeded(prefix: string, since: string) {
    const findings = await stack.seed(12, 'SensitiveData:S3Object/Financial', { prefix, start: Date.parse(since) });
    const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.sourceBucket, Prefix: `${prefix}/` }));
    const original = new Map<string, string | undefined>();
    for (const { Key } of listed.Contents ?? []) {
      if (Key) original.set(Key, await bodyOf(stack, stack.sourceBucket, Key));
    }
    return { ids: findings.map((f) => f.id as string), original };
  }

  /** Each finding QUARANTINED with no lease, its object gone from its key and in quarantine once, with its bytes. */
  async function expectEachInQuarantineOnly(ids: readonly string[], original: ReadonlyMap<string, string | undefined>) {
    for (const id of ids) {
      const record = await stack.ledger.get(id);
      const key = record?.source.key ?? '';
      expect(record?.state).toBe('QUARANTINED');
      expect(record?.lease).toBeUndefined();
      expect(await bodyOf(stack, stack.sourceBucket, key)).toBeUndefined();
      expect(await copies(stack, id)).toBe(1);
      expect(await bodyOf(stack, stack.quarantineBucket, record?.quarantine?.key ?? '')).toBe(original.get(key));
    }
  }

  it(
    'remediate killed with copies held, again on the rerun, with deletes in flight: the rerun leaves every object in quarantine only, with its bytes',
    async () => {
      // Prepare
      const { ids, original } = await seeded('sigkilled-move', '2026-07-01T00:00:00Z');
      const remediate = [
        'remediate',
        '--bucket',
        stack.sourceBucket,
        '--since',
        '2026-07-01',
        '--until',
        '2026-07-02',
        '--yes',
      ];

      // Act: three kills, each run finishing what the last one left, then the same command once more. A move
      // reads nothing between its checks and its copy (the copy carries the tags), so the first kill holds copies.
      await killAt(remediate, copiesInto(stack.quarantineBucket), 2);
      const afterFirst = await ledgerStates(ids);
      await killAt(remediate, copiesInto(stack.quarantineBucket), 3);
      const afterSecond = await ledgerStates(ids);
      await killAt(remediate, deletesFrom(stack.sourceBucket), 1);
      const afterThird = await ledgerStates(ids);
      const rerun = await exited(spawnCli([...remediate, '--json'], env, stack.cwd, cli));

      // Assess: each kill left two moves half done, after 2, 5 and 6 finished ones
      expect([afterFirst, afterSecond, afterThird]).toEqual([
        { QUARANTINED: 2, REMEDIATING: 2 },
        { QUARANTINED: 5, REMEDIATING: 2 },
        { QUARANTINED: 6, REMEDIATING: 2 },
      ]);
      expect(rerun.code).toBe(0);
      expect(json(rerun).results).toHaveLength(12);
      for (const r of json(rerun).results) expect(['QUARANTINED', 'ALREADY_QUARANTINED']).toContain(r.outcome);
      await expectEachInQuarantineOnly(ids, original);
    },
    SEVERAL_PROCESSES_BUDGET_MS,
  );

  it(
    'restore killed before a copy back, with copies back in flight, with deletes in flight: the rerun puts every object back, with its bytes',
    async () => {
      // Prepare: 12 findings in quarantine
      const { ids, original } = await seeded('sigkilled-restore', '2026-08-01T00:00:00Z');
      expect((await stack.run(['remediate', ...ids, '--yes', '--json'])).code).toBe(0);
      const restore = ['restore', ...ids, '--yes'];

      // Act
      await killAt(restore, readsTagsIn(stack.quarantineBucket), 2);
      const afterFirst = await ledgerStates(ids);
      await killAt(restore, copiesInto(stack.sourceBucket), 3);
      const afterSecond = await ledgerStates(ids);
      await killAt(restore, deletesFrom(stack.quarantineBucket), 1);
      const afterThird = await ledgerStates(ids);
      const rerun = await exited(spawnCli([...restore, '--json'], env, stack.cwd, cli));

      // Assess: every object back where it was, with its bytes, nothing left in quarantine
      expect([afterFirst, afterSecond, afterThird]).toEqual([
        { RESTORED: 2, RESTORING: 2, QUARANTINED: 8 },
        { RESTORED: 5, RESTORING: 2, QUARANTINED: 5 },
        { RESTORED: 6, RESTORING: 2, QUARANTINED: 4 },
      ]);
      expect(rerun.code).toBe(0);
      expect(json(rerun).results.map((r) => r.outcome)).toEqual(Array(12).fill('RESTORED'));
      for (const id of ids) {
        const record = await stack.ledger.get(id);
        const key = record?.source.key ?? '';
        expect(record?.state).toBe('RESTORED');
        expect(record?.lease).toBeUndefined();
        expect(await bodyOf(stack, stack.sourceBucket, key)).toBe(original.get(key));
        expect(await copies(stack, id)).toBe(0);
      }
    },
    SEVERAL_PROCESSES_BUDGET_MS,
  );

  it(
    'backfill killed with copies held, then again: the rerun quarantines every finding once, with its bytes',
    async () => {
      // Prepare: 12 AUTO findings Macie lists as one page (its restores read at once), none in the ledger
      const { ids, original } = await seeded('sigkilled-backfill', '2026-09-01T00:00:00Z');
      const checkpoints = mkdtempSync(join(tmpdir(), 'backfill-checkpoint-'));
      const checkpoint = join(checkpoints, 'checkpoint.json');
      const backfill = ['backfill', '--since', '2026-09-01', '--until', '2026-09-02', '--checkpoint', checkpoint];

      // Act
      await killAt(backfill, copiesInto(stack.quarantineBucket), 2);
      const afterFirst = await ledgerStates(ids);
      await killAt(backfill, copiesInto(stack.quarantineBucket), 3);
      const afterSecond = await ledgerStates(ids);
      const rerun = await exited(spawnCli([...backfill, '--json'], env, stack.cwd, cli));
      rmSync(checkpoints, { recursive: true, force: true });

      // Assess: the page never finished, so each run starts over it; the ledger makes that repeat nothing
      expect([afterFirst, afterSecond]).toEqual([
        { QUARANTINED: 2, REMEDIATING: 2 },
        { QUARANTINED: 5, REMEDIATING: 2 },
      ]);
      expect(rerun.code).toBe(0);
      await expectEachInQuarantineOnly(ids, original);
    },
    SEVERAL_PROCESSES_BUDGET_MS,
  );
});
