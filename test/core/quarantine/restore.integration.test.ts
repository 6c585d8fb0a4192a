import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  createBucket,
  findingId,
  head,
  newEngine,
  putObject,
  readText,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

describe('QuarantineEngine.restore (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  async function quarantined(bucket: string, key: string, body: string, extra = {}) {
    await putObject(s3, bucket, key, body, extra);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);
    const result = await engine.quarantine(target(id, bucket, key));
    if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
    return { id, engine, copy: result.copy };
  }

  it('puts the object back with its headers, metadata and tags, then removes every version of the copy', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const { id, engine, copy } = await quarantined(bucket, 'hr/salaries.csv', 'name,salary', {
      ContentType: 'text/csv',
      CacheControl: 'private',
      Metadata: { owner: 'hr' },
      Tagging: 'dept=hr',
    });

    // Act
    const result = await engine.restore({ findingId: id, actor: 'slack:U42' });

    // Assess
    expect(result).toMatchObject({ outcome: 'RESTORED', copy, restored: { bucket, key: 'hr/salaries.csv' } });
    expect(await readText(s3, bucket, 'hr/salaries.csv')).toBe('name,salary');
    const restored = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'hr/salaries.csv' }));
    expect(restored).toMatchObject({ ContentType: 'text/csv', CacheControl: 'private' });
    expect(restored.Metadata).toEqual({ owner: 'hr' });
    expect(await tagsOf(s3, bucket, 'hr/salaries.csv')).toEqual({ dept: 'hr' });
    expect(await versionsOf(s3, quarantineBucket, copy.quarantine.key)).toEqual({ versions: [], deleteMarkers: [] });
    expect(await engine.locate(id)).toBeUndefined();
  });

  it('restores into a versioned bucket as a new version', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'vsrc', true);
    const { id, engine } = await quarantined(bucket, 'doc.txt', 'versioned secret');

    // Act
    const result = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    if (result.outcome !== 'RESTORED') throw new Error(JSON.stringify(result));
    expect(result.restored.versionId).toEqual(expect.any(String));
    expect(await readText(s3, bucket, 'doc.txt', result.restored.versionId)).toBe('versioned secret');
  });

  it('refuses to overwrite an object that now exists there (CONFLICT), and overwrites it with force', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const { id, engine, copy } = await quarantined(bucket, 'report.txt', 'the quarantined bytes');
    await putObject(s3, bucket, 'report.txt', 'a newer report');

    // Act
    const conflict = await engine.restore({ findingId: id, actor: 'cli:tester' });
    const stateAfterConflict = {
      source: await readText(s3, bucket, 'report.txt'),
      copy: await readText(s3, quarantineBucket, copy.quarantine.key),
    };
    const forced = await engine.restore({ findingId: id, actor: 'cli:tester', force: true });

    // Assess
    expect(conflict).toEqual({
      outcome: 'CONFLICT',
      reason: `s3://${bucket}/report.txt now holds another object; force overwrites it`,
      copy,
    });
    expect(stateAfterConflict).toEqual({ source: 'a newer report', copy: 'the quarantined bytes' });
    expect(forced.outcome).toBe('RESTORED');
    expect(await readText(s3, bucket, 'report.txt')).toBe('the quarantined bytes');
    expect(await head(s3, quarantineBucket, copy.quarantine.key)).toBeUndefined();
  });

  it('reports RESTORED again for a finished restore while the key holds what it restored, else SOURCE_MISSING', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const { id, engine } = await quarantined(bucket, 'once.txt', 'once');
    const first = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Act
    const again = await engine.restore({ findingId: id, actor: 'cli:tester' });
    await putObject(s3, bucket, 'once.txt', 'rewritten since');
    const afterRewrite = await engine.restore({ findingId: id, actor: 'cli:tester' });
    const unknown = await engine.restore({ findingId: 'never-quarantined', actor: 'cli:tester' });

    // Assess
    expect(again).toEqual(first);
    expect(afterRewrite).toEqual({
      outcome: 'SOURCE_MISSING',
      reason: `no quarantined copy of finding ${id} in s3://${quarantineBucket}`,
    });
    expect(unknown.outcome).toBe('SOURCE_MISSING');
    expect(await readText(s3, bucket, 'once.txt')).toBe('rewritten since');
  });

  it('takes a receipt that does not read for no receipt: SOURCE_MISSING, never a crash', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const { id, engine } = await quarantined(bucket, 'cut.txt', 'cut');
    await engine.restore({ findingId: id, actor: 'cli:tester' });
    await putObject(s3, quarantineBucket, `_restored/${id}`, '{"copy": {"findingId"');

    // Act
    const again = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(again.outcome).toBe('SOURCE_MISSING');
    expect(await readText(s3, bucket, 'cut.txt')).toBe('cut');
  });

  it('quarantines the same finding again after a restore', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const { id, engine } = await quarantined(bucket, 'again.txt', 'again');
    await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Act
    const result = await engine.quarantine(target(id, bucket, 'again.txt'));

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect(await readText(s3, bucket, 'again.txt')).toBeUndefined();
  });

  it('works with an unversioned quarantine bucket', async () => {
    // Prepare
    const plainQuarantine = await createBucket(s3, 'quarantine');
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'p.txt', 'plain');
    const engine = newEngine(s3, plainQuarantine);
    const id = findingId();
    const moved = await engine.quarantine(target(id, bucket, 'p.txt'));

    // Act
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect([moved.outcome, restored.outcome]).toEqual(['QUARANTINED', 'RESTORED']);
    expect(await readText(s3, bucket, 'p.txt')).toBe('plain');
    if (moved.outcome === 'QUARANTINED')
      expect(await head(s3, plainQuarantine, moved.copy.quarantine.key)).toBeUndefined();
  });
});
