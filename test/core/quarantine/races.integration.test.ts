import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { beforeCall, recordCalls } from '../../support/fault-injection';
import {
  createBucket,
  findingId,
  head,
  newEngine,
  putObject,
  readText,
  SCANNED,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

describe('QuarantineEngine against writers and other engines (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;
  /** Another client: what other writers and engines use, so the race hooks do not meet their calls. */
  let other: S3Client;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket, other } = opened);
  });

  const findingKeys = async (id: string) =>
    (await s3.send(new ListObjectsV2Command({ Bucket: quarantineBucket, Prefix: `${id}/` }))).Contents?.map(
      (o) => o.Key,
    ) ?? [];

  it('leaves a new object in place when a writer replaces the key between the verify and the delete', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'people.csv', SCANNED);
    const id = findingId();
    const race = beforeCall(s3, { command: 'DeleteObjectCommand', match: (i) => i.Bucket === bucket }, () =>
      putObject(other, bucket, 'people.csv', 'written during the move'),
    );

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(id, bucket, 'people.csv'));

    // Assess
    race.remove();
    expect(result).toMatchObject({
      outcome: 'QUARANTINED',
      reason: `s3://${bucket}/people.csv was rewritten during the move; the new object was left in place`,
    });
    expect(await readText(s3, bucket, 'people.csv')).toBe('written during the move');
    expect(await readText(s3, quarantineBucket, `${id}/${bucket}/people.csv`)).toBe(SCANNED);
  });

  it('never rolls the key back: v1 = X, v2 = Y, v3 = X (current), finding on v1; restore brings back both', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'vsrc', true);
    const v1 = await putObject(s3, bucket, 'doc.txt', SCANNED, { Metadata: { upload: 'first' }, Tagging: 'n=1' });
    const v2 = await putObject(s3, bucket, 'doc.txt', 'other bytes');
    await putObject(s3, bucket, 'doc.txt', SCANNED, { Metadata: { upload: 'third' }, Tagging: 'n=3' });
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);
    const seen: (string | undefined)[] = [];
    const reader = beforeCall(
      s3,
      { command: 'DeleteObjectCommand', match: (i) => i.Bucket === bucket && i.VersionId !== undefined },
      async () => seen.push(await readText(other, bucket, 'doc.txt')),
    );
    const recording = recordCalls(s3);

    // Act
    const moved = await engine.quarantine(target(id, bucket, 'doc.txt', { versionId: v1.VersionId }));
    reader.remove();
    recording.remove();
    const afterMove = { read: await readText(s3, bucket, 'doc.txt'), ...(await versionsOf(s3, bucket, 'doc.txt')) };
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(moved.outcome).toBe('QUARANTINED');
    expect(seen).toEqual([undefined]);
    expect(afterMove.read).toBeUndefined();
    expect(afterMove.versions.map((v) => v.VersionId)).toEqual([v2.VersionId]);
    expect(afterMove.deleteMarkers).toHaveLength(1);
    const deletes = recording.calls.filter((c) => c.command === 'DeleteObjectCommand' && c.input.Bucket === bucket);
    expect(deletes.map((c) => c.input.VersionId === undefined)).toEqual([true, false, false]);

    expect(restored.outcome).toBe('RESTORED');
    const current = await head(s3, bucket, 'doc.txt');
    expect(await readText(s3, bucket, 'doc.txt')).toBe(SCANNED);
    expect(current?.Metadata).toEqual({ upload: 'third' });
    expect(await tagsOf(s3, bucket, 'doc.txt')).toEqual({ n: '3' });
    const { versions } = await versionsOf(s3, bucket, 'doc.txt');
    const recreated = versions.filter((v) => v.VersionId !== v2.VersionId);
    expect(recreated).toHaveLength(2);
    const older = recreated.find((v) => !v.IsLatest);
    expect(await tagsOf(s3, bucket, 'doc.txt', older?.VersionId)).toEqual({ n: '1' });
    expect(await findingKeys(id)).toEqual([]);
  });

  it('hides the key when the scanned version is current with older versions below it', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'vsrc', true);
    await putObject(s3, bucket, 'doc.txt', 'older, different content');
    const scanned = await putObject(s3, bucket, 'doc.txt', SCANNED);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);

    // Act
    const moved = await engine.quarantine(target(id, bucket, 'doc.txt', { versionId: scanned.VersionId }));
    const readAfterMove = await readText(s3, bucket, 'doc.txt');
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(moved.outcome).toBe('QUARANTINED');
    expect(readAfterMove).toBeUndefined();
    expect(restored.outcome).toBe('RESTORED');
    expect(await readText(s3, bucket, 'doc.txt')).toBe(SCANNED);
  });

  it('reports SOURCE_MISSING, not FAILED, for a second finding on an object the first one moved meanwhile', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'shared.csv', SCANNED);
    const [first, second] = [findingId(), findingId()];
    let firstOutcome = '';
    const race = beforeCall(s3, { command: 'CopyObjectCommand' }, async () => {
      firstOutcome = (await newEngine(other, quarantineBucket).quarantine(target(first, bucket, 'shared.csv'))).outcome;
    });

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(second, bucket, 'shared.csv'));

    // Assess
    race.remove();
    expect(firstOutcome).toBe('QUARANTINED');
    expect(result).toEqual({
      outcome: 'SOURCE_MISSING',
      reason: `s3://${bucket}/shared.csv went away during the move`,
    });
    expect(await readText(s3, quarantineBucket, `${first}/${bucket}/shared.csv`)).toBe(SCANNED);
    expect(await findingKeys(second)).toEqual([]);
  });

  it('reports SOURCE_MISSING when the source is deleted while it is being copied', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'gone.csv', SCANNED);
    const id = findingId();
    const race = beforeCall(s3, { command: 'CopyObjectCommand' }, () =>
      other.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone.csv' })),
    );

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(id, bucket, 'gone.csv'));

    // Assess
    race.remove();
    expect(result.outcome).toBe('SOURCE_MISSING');
  });

  it('lets two engines run one finding at once: one copy (412 on the second write), the source gone once', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'twice.csv', SCANNED);
    const id = findingId();
    let firstOutcome = '';
    const race = beforeCall(s3, { command: 'CopyObjectCommand' }, async () => {
      firstOutcome = (await newEngine(other, quarantineBucket).quarantine(target(id, bucket, 'twice.csv'))).outcome;
    });
    const recording = recordCalls(s3);

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(id, bucket, 'twice.csv'));

    // Assess
    race.remove();
    recording.remove();
    expect([firstOutcome, result.outcome]).toEqual(['QUARANTINED', 'ALREADY_QUARANTINED']);
    expect(recording.calls.find((c) => c.command === 'CopyObjectCommand')?.ok).toBe(false);
    expect(await readText(s3, quarantineBucket, `${id}/${bucket}/twice.csv`)).toBe(SCANNED);
    expect((await versionsOf(s3, quarantineBucket, `${id}/${bucket}/twice.csv`)).versions).toHaveLength(1);
    expect(await readText(s3, bucket, 'twice.csv')).toBeUndefined();
  });

  it('never removes an object rewritten during the copy, on this run or a rerun', async () => {
    // Prepare: S3 answers the copy with 412 (CopySourceIfMatch) and the engine reports STALE; moto copies
    // the new bytes, so the verify must catch it.
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'moving.csv', SCANNED);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);
    const race = beforeCall(s3, { command: 'CopyObjectCommand' }, () =>
      putObject(other, bucket, 'moving.csv', 'rewritten while copying'),
    );

    // Act
    const result = await engine.quarantine(target(id, bucket, 'moving.csv'));
    race.remove();
    const rerun = await engine.quarantine(target(id, bucket, 'moving.csv'));

    // Assess
    expect(['STALE', 'FAILED']).toContain(result.outcome);
    expect(rerun.outcome).not.toBe('QUARANTINED');
    expect(await readText(s3, bucket, 'moving.csv')).toBe('rewritten while copying');
  });
});
