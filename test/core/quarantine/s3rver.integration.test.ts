import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { failOn } from '../../support/fault-injection';
import { findingId, newEngine, putObject, readText, tagsOf, target } from './support/s3-fixtures';

// s3rver ships no types: the part this test uses.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
const S3rver = require('s3rver') as S3rverClass;

/**
 * The local demo runs this same engine on s3rver: no versioning API, no UploadPartCopy, IfNoneMatch and
 * CopySourceIfMatch ignored, tags dropped on copy. The single-part, unversioned path must still hold.
 */
describe('QuarantineEngine on s3rver (the local demo store)', () => {
  let server: S3rverServer;
  let directory: string;
  let s3: S3Client;
  const [sourceBucket, quarantineBucket] = ['data', 'quarantine'];
  /** s3rver drops the tags a copy carries: the local stack's engine is told so, as this one is. */
  const s3rverEngine = () => newEngine(s3, quarantineBucket, { copyDropsTags: true });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'quarantine-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    for (const bucket of [sourceBucket, quarantineBucket]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(async () => {
    s3.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('moves an object with its headers, metadata and tags, idempotently, and restores it', async () => {
    // Prepare
    const key = 'reports/Ünïcödé name.csv';
    await putObject(s3, sourceBucket, key, 'name,ssn\nAda,123-45-6789\n', {
      ContentType: 'text/csv',
      CacheControl: 'no-store',
      Metadata: { owner: 'hr' },
    });
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: sourceBucket,
        Key: key,
        Tagging: { TagSet: [{ Key: 'pii', Value: 'yes' }] },
      }),
    );
    const id = findingId();
    const engine = s3rverEngine();

    // Act
    const moved = await engine.quarantine(target(id, sourceBucket, key));
    const again = await engine.quarantine(target(id, sourceBucket, key));
    const listed = [];
    for await (const copy of engine.list()) listed.push(copy.findingId);
    const copyKey = `${id}/${sourceBucket}/${key}`;
    const copy = {
      body: await readText(s3, quarantineBucket, copyKey),
      head: await s3.send(new HeadObjectCommand({ Bucket: quarantineBucket, Key: copyKey })),
      tags: await tagsOf(s3, quarantineBucket, copyKey),
    };
    const sourceAfterMove = await readText(s3, sourceBucket, key);
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect([moved.outcome, again.outcome, restored.outcome]).toEqual([
      'QUARANTINED',
      'ALREADY_QUARANTINED',
      'RESTORED',
    ]);
    expect(listed).toContain(id);
    expect(copy.body).toBe('name,ssn\nAda,123-45-6789\n');
    expect(copy.head).toMatchObject({ ContentType: 'text/csv', CacheControl: 'no-store' });
    expect(copy.head.Metadata).toMatchObject({ owner: 'hr', 'macie-remediate-finding-id': id });
    expect(copy.tags).toEqual({ pii: 'yes' });
    expect(sourceAfterMove).toBeUndefined();
    expect(await readText(s3, sourceBucket, key)).toBe('name,ssn\nAda,123-45-6789\n');
    expect((await s3.send(new HeadObjectCommand({ Bucket: sourceBucket, Key: key }))).Metadata).toEqual({
      owner: 'hr',
    });
    expect(await tagsOf(s3, sourceBucket, key)).toEqual({ pii: 'yes' });
    expect(await readText(s3, quarantineBucket, copyKey)).toBeUndefined();
  });

  // Only here does the engine send PutObjectTagging: S3 and moto keep the tags sent with the copy, s3rver drops
  // them. Not on restore even here: s3rver keeps a deleted key's tags and hands them to the restored object.
  it('keeps the source when tagging the copy fails, and a rerun tags the copy and finishes', async () => {
    // Prepare
    const body = 'name,ssn\nAda,123-45-6789\n';
    await putObject(s3, sourceBucket, 'tag-move.csv', body);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: sourceBucket,
        Key: 'tag-move.csv',
        Tagging: { TagSet: [{ Key: 'pii', Value: 'yes' }] },
      }),
    );
    const id = findingId();
    const engine = s3rverEngine();
    const fault = failOn(s3, { command: 'PutObjectTaggingCommand', match: (i) => i.Bucket === quarantineBucket });

    // Act
    const failed = await engine.quarantine(target(id, sourceBucket, 'tag-move.csv'));
    fault.remove();
    const sourceAfterFailure = await readText(s3, sourceBucket, 'tag-move.csv');
    const rerun = await engine.quarantine(target(id, sourceBucket, 'tag-move.csv'));

    // Assess
    expect(fault.injected).toBe(1);
    expect(failed).toMatchObject({
      outcome: 'FAILED',
      step: 'tag',
      reason: expect.stringContaining('PutObjectTagging'),
    });
    expect(sourceAfterFailure).toBe(body);
    expect(rerun.outcome).toBe('QUARANTINED');
    expect(await tagsOf(s3, quarantineBucket, `${id}/${sourceBucket}/tag-move.csv`)).toEqual({ pii: 'yes' });
    expect(await readText(s3, sourceBucket, 'tag-move.csv')).toBeUndefined();
  });

  // s3rver reads x-amz-copy-source with decodeURI, which leaves %2B, %3F, %23 (and other reserved
  // characters) encoded, so it looks for the wrong key. Real S3 and moto copy these keys (see quarantine.test.ts).
  it.each(['a+b.txt', 'what?.txt', 'hash#.txt'])('fails safely on %j, which s3rver cannot copy', async (key) => {
    // Prepare
    await putObject(s3, sourceBucket, key, 'kept');

    // Act
    const moved = await s3rverEngine().quarantine(target(findingId(), sourceBucket, key));

    // Assess
    expect(moved).toMatchObject({ outcome: 'FAILED', step: 'copy', reason: expect.stringContaining('NoSuchKey') });
    expect(await readText(s3, sourceBucket, key)).toBe('kept');
  });

  it('reports SOURCE_MISSING and STALE as on S3', async () => {
    // Prepare
    await putObject(s3, sourceBucket, 'changed.txt', 'changed');
    const engine = s3rverEngine();

    // Act
    const missing = await engine.quarantine(target(findingId(), sourceBucket, 'absent.txt'));
    const stale = await engine.quarantine(target(findingId(), sourceBucket, 'changed.txt', { eTag: 'f'.repeat(32) }));

    // Assess
    expect(missing.outcome).toBe('SOURCE_MISSING');
    expect(stale.outcome).toBe('STALE');
    expect(await readText(s3, sourceBucket, 'changed.txt')).toBe('changed');
  });

  it('answers a legal hold with a clear FAILED (no Object Lock here), and the copy stays as it was', async () => {
    // Prepare
    await putObject(s3, sourceBucket, 'evidence.txt', 'evidence');
    const engine = s3rverEngine();
    const id = findingId();
    const moved = await engine.quarantine(target(id, sourceBucket, 'evidence.txt'));
    const copyKey = moved.outcome === 'QUARANTINED' ? moved.copy.quarantine.key : '';

    // Act
    const held = await engine.legalHold(id, 'ON');

    // Assess
    expect(held).toEqual({
      outcome: 'FAILED',
      step: 'hold',
      changed: 0,
      reason: expect.stringContaining(
        'the quarantine bucket cannot hold objects: its store does not support S3 Object Lock',
      ),
    });
    expect(await readText(s3, quarantineBucket, copyKey)).toBe('evidence');
  });
});
