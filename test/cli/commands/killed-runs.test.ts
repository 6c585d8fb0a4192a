import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { DeleteObjectCommand, GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { QuarantineEngine } from '../../../core/quarantine';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout) as { results: { findingId: string; outcome: string }[] };

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
    stack = await startCliStack();
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
