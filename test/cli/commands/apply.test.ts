import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { uniqueName } from '../../support/aws';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Command: apply', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const exists = (bucket: string, key: string) =>
    stack.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );

  /** `remediate <ids> --plan <file>`, checked to have changed nothing. */
  async function plan(file: string, ...ids: string[]): Promise<void> {
    const run = await stack.run(['remediate', ...ids, '--plan', file]);
    expect(run.code).toBe(0);
  }

  it('carries out a plan unchanged, and a second apply of it moves nothing', async () => {
    // Prepare
    const objects = [await stack.putObject('apply/one.csv'), await stack.putObject('apply/two.csv')];
    const ids = objects.map((o) => stack.addFinding(o, 'SensitiveData:S3Object/Personal').id as string);
    await plan('two.json', ...ids);

    // Act
    const first = await stack.run(['apply', 'two.json', '--yes', '--json']);
    const second = await stack.run(['apply', 'two.json', '--yes', '--json']);

    // Assess
    expect(first.code).toBe(0);
    expect(json(first).summary).toEqual({ QUARANTINED: 2 });
    for (const object of objects) expect(await exists(stack.sourceBucket, object.key)).toBe(false);
    expect((await stack.ledger.get(ids[0] as string))?.history[0]?.action).toBe('admitted');
    expect(second.code).toBe(0);
    expect(json(second).summary).toEqual({ ALREADY_QUARANTINED: 2 });
  });

  it('refuses, as STALE, an object that changed since the plan was made, and moves the rest', async () => {
    // Prepare
    const changed = await stack.putObject('apply/changed.csv', 'before');
    const steady = await stack.putObject('apply/steady.csv');
    const changedId = stack.addFinding(changed).id as string;
    const steadyId = stack.addFinding(steady).id as string;
    await plan('stale.json', changedId, steadyId);
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.sourceBucket, Key: changed.key, Body: 'after, longer' }));

    // Act
    const run = await stack.run(['apply', 'stale.json', '--yes', '--json']);

    // Assess
    expect(run.code).toBe(0);
    const byId = new Map(json(run).results.map((r: { findingId: string }) => [r.findingId, r]));
    expect(byId.get(changedId)).toMatchObject({
      outcome: 'STALE',
      reason: expect.stringMatching(/changed since the plan was made \(ETag \w+ → \w+, size 6 → 13\): not moved$/),
    });
    expect(byId.get(steadyId)).toMatchObject({ outcome: 'QUARANTINED' });
    expect(await exists(stack.sourceBucket, changed.key)).toBe(true);
    expect(await stack.ledger.get(changedId)).toBeUndefined();
  });

  it('moves exactly the planned version of a versioned object, even after a newer one was uploaded', async () => {
    // Prepare
    const bucket = uniqueName('versioned');
    await stack.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await stack.s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const put = await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cards.csv', Body: '4111 1111' }));
    const v1 = put.VersionId as string;
    const id = stack.addFinding({
      bucket,
      key: 'cards.csv',
      versionId: v1,
      eTag: (put.ETag ?? '').replaceAll('"', ''),
    }).id as string;
    await plan('versioned.json', id);
    const planned = JSON.parse(readFileSync(join(stack.cwd, 'versioned.json'), 'utf8'));
    await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cards.csv', Body: 'clean now' }));

    // Act
    const run = await stack.run(['apply', 'versioned.json', '--yes', '--json']);

    // Assess
    expect(planned.items[0].object.versionId).toBe(v1);
    expect(json(run).results[0]).toMatchObject({ outcome: 'QUARANTINED', source: { versionId: v1 } });
    const versions = await stack.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'cards.csv' }));
    expect(versions.Versions?.map((v) => v.VersionId)).not.toContain(v1);
    expect(versions.Versions).toHaveLength(1);
  });

  it.each([
    ['no such file', undefined, /^error: plan bad\.json: no such file\n$/],
    ['a field missing', { version: 1, kind: 'remediate' }, /^error: plan bad\.json: createdAt is missing\n$/],
  ])('refuses a plan with %s: exit 2, naming the field', async (_name, content, message) => {
    // Prepare
    if (content) writeFileSync(join(stack.cwd, 'bad.json'), JSON.stringify(content));

    // Act
    const run = await stack.run(['apply', 'bad.json', '--yes']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a plan made for another quarantine bucket, changing nothing', async () => {
    // Prepare
    const object = await stack.putObject('apply/elsewhere.csv');
    const id = stack.addFinding(object).id as string;
    await plan('elsewhere.json', id);
    const path = join(stack.cwd, 'elsewhere.json');
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(stack.quarantineBucket, 'someone-elses-quarantine'));

    // Act
    const run = await stack.run(['apply', 'elsewhere.json', '--yes']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `plan elsewhere.json was made for quarantine bucket someone-elses-quarantine, but this stack's is ${stack.quarantineBucket}`,
    );
    expect(await exists(stack.sourceBucket, object.key)).toBe(true);
  });

  it('--dry-run shows the plan and changes nothing', async () => {
    const object = await stack.putObject('apply/dry.csv');
    const id = stack.addFinding(object).id as string;
    await plan('dry.json', id);
    const run = await stack.run(['apply', 'dry.json', '--dry-run', '--json']);
    expect(json(run).summary).toEqual({ PLANNED: 1 });
    expect(await exists(stack.sourceBucket, object.key)).toBe(true);
  });
});

describe('Command: restore', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const read = (key: string) =>
    stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: key })).then(
      (head) => head.ETag?.replaceAll('"', ''),
      () => undefined,
    );

  async function quarantined(key: string, body?: string): Promise<{ id: string; eTag: string }> {
    const object = await stack.putObject(key, body);
    const id = stack.addFinding(object).id as string;
    expect((await stack.run(['remediate', id, '--yes'])).code).toBe(0);
    return { id, eTag: object.eTag };
  }

  it('puts an object back where it was found, updates the ledger and the Slack message, and a rerun changes nothing', async () => {
    // Prepare
    const { id, eTag } = await quarantined('restore/one.csv');
    const ts = (await stack.ledger.get(id))?.slack?.ts;

    // Act
    const run = await stack.run(['restore', id, '--yes', '--json']);
    const rerun = await stack.run(['restore', id, '--yes', '--json']);

    // Assess
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({
      results: [
        {
          findingId: id,
          outcome: 'RESTORED',
          source: { bucket: stack.sourceBucket, key: 'restore/one.csv' },
          quarantine: { bucket: stack.quarantineBucket, key: `${id}/${stack.sourceBucket}/restore/one.csv` },
          action: 'QUARANTINE',
        },
      ],
      summary: { RESTORED: 1 },
    });
    expect(await read('restore/one.csv')).toBe(eTag);
    expect((await stack.ledger.get(id))?.state).toBe('RESTORED');
    expect(JSON.stringify(stack.slack.messages().find((m) => m.ts === ts)?.blocks)).toContain('estored');
    expect(rerun.code).toBe(0);
    expect(json(rerun).results[0]).toMatchObject({ outcome: 'RESTORED', reason: 'already restored' });
  });

  it('reports a CONFLICT per object when something now sits at the original location; --force overwrites it', async () => {
    // Prepare
    const a = await quarantined('restore/conflict.csv', 'the quarantined bytes');
    const b = await quarantined('restore/free.csv');
    await stack.s3.send(
      new PutObjectCommand({ Bucket: stack.sourceBucket, Key: 'restore/conflict.csv', Body: 'someone else' }),
    );

    // Act
    const run = await stack.run(['restore', a.id, b.id, '--yes', '--json']);
    const forced = await stack.run(['restore', a.id, '--yes', '--json', '--force']);

    // Assess
    expect(run.code).toBe(0);
    const byId = new Map(json(run).results.map((r: { findingId: string }) => [r.findingId, r]));
    expect(byId.get(a.id)).toMatchObject({
      outcome: 'CONFLICT',
      reason: `an object now exists at s3://${stack.sourceBucket}/restore/conflict.csv; --force overwrites it`,
    });
    expect(byId.get(b.id)).toMatchObject({ outcome: 'RESTORED' });
    expect(json(forced).results[0].outcome).toBe('RESTORED');
    expect(await read('restore/conflict.csv')).toBe(a.eTag);
  });

  it('selects by source bucket and quarantine time, and a plan file restores through apply', async () => {
    // Prepare
    const { id } = await quarantined('restore/planned.csv');

    // Act
    const dry = await stack.run(['restore', '--bucket', stack.sourceBucket, '--since', '1h', '--dry-run', '--json']);
    const planned = await stack.run(['restore', '--bucket', stack.sourceBucket, '--since', '1h', '--plan', 'r.json']);
    const applied = await stack.run(['apply', 'r.json', '--yes', '--json']);
    const none = await stack.run(['restore', '--bucket', stack.sourceBucket, '--until', '2020-01-01', '--json']);

    // Assess
    expect(json(dry).results).toContainEqual(expect.objectContaining({ findingId: id, outcome: 'PLANNED' }));
    expect(planned.code).toBe(0);
    expect(JSON.parse(readFileSync(join(stack.cwd, 'r.json'), 'utf8')).kind).toBe('restore');
    expect(json(applied).results).toContainEqual(expect.objectContaining({ findingId: id, outcome: 'RESTORED' }));
    expect(json(none)).toEqual({ results: [], summary: {} });
  });

  it('refuses an id the ledger does not know (exit 2), and fails one that is not in quarantine (exit 1)', async () => {
    // Prepare
    const object = await stack.putObject('restore/in-review.csv');
    const id = stack.addFinding(object, 'SensitiveData:S3Object/Personal').id as string;
    await stack.run(['backfill', '--type', 'Personal', '--bucket', stack.sourceBucket]);

    // Act
    const unknown = await stack.run(['restore', 'f1234', '--yes']);
    const inReview = await stack.run(['restore', id, '--yes', '--json']);

    // Assess
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'error: finding f1234 not found in the ledger (nothing of theirs was ever quarantined)\n',
    );
    expect(inReview.code).toBe(1);
    expect(json(inReview).results[0]).toMatchObject({
      outcome: 'FAILED',
      reason: 'not in quarantine (awaiting_review): nothing to restore',
    });
  });
});
