import { HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { failOn, recordCalls } from '../../support/fault-injection';
import { recordingLogger } from '../../support/recording-logger';
import {
  createBucket,
  findingId,
  MiB,
  newEngine,
  putObject,
  readBytes,
  readText,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

/** moto enforces S3's 5 MiB minimum part size: 11 MiB makes three parts (5 + 5 + 1). */
const SIZE = 11 * MiB;
const options = { multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB };

function bytes(seed: number): Uint8Array {
  const data = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) data[i] = (i * 31 + seed) % 251;
  return data;
}

describe('QuarantineEngine multipart copy (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  const isData = async (expected: Uint8Array, bucket: string, key: string, versionId?: string) =>
    (await readBytes(s3, bucket, key, versionId))?.equals(Buffer.from(expected)) ?? false;

  it('copies part by part with metadata, headers and tags set on the upload, verified by a full-object checksum', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const data = bytes(1);
    await putObject(s3, bucket, 'big/dump.bin', data, {
      ContentType: 'application/x-sql',
      ContentDisposition: 'attachment',
      Metadata: { origin: 'db' },
      Tagging: 'kind=dump',
    });
    const log = recordingLogger();
    const recording = recordCalls(s3);

    // Act
    const result = await newEngine(s3, quarantineBucket, { ...options, logger: log.logger }).quarantine(
      target(findingId(), bucket, 'big/dump.bin'),
    );

    // Assess
    recording.remove();
    if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
    const commands = recording.calls.map((c) => c.command);
    expect(commands.filter((c) => c === 'UploadPartCopyCommand')).toHaveLength(3);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    expect(commands).not.toContain('CopyObjectCommand');
    const ranges = recording.calls.flatMap((c) =>
      c.command === 'UploadPartCopyCommand' ? [c.input.CopySourceRange] : [],
    );
    expect(ranges.sort()).toEqual([
      `bytes=0-${5 * MiB - 1}`,
      `bytes=${10 * MiB}-${SIZE - 1}`,
      `bytes=${5 * MiB}-${10 * MiB - 1}`,
    ]);
    expect(log.at('info').map((line) => line.fields)).toEqual([expect.objectContaining({ verifiedBy: 'checksum' })]);

    const key = result.copy.quarantine.key;
    expect(await isData(data, quarantineBucket, key)).toBe(true);
    const copy = await s3.send(new HeadObjectCommand({ Bucket: quarantineBucket, Key: key }));
    expect(copy).toMatchObject({
      ContentType: 'application/x-sql',
      ContentDisposition: 'attachment',
      ContentLength: SIZE,
    });
    expect(copy.Metadata).toMatchObject({ origin: 'db', 'macie-remediate-finding-id': result.copy.findingId });
    expect(await tagsOf(s3, quarantineBucket, key)).toEqual({ kind: 'dump' });
    expect(await readText(s3, bucket, 'big/dump.bin')).toBeUndefined();
  });

  it('copies the exact version of a versioned source, and restores it part by part over the newer one', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'vsrc', true);
    const [old, current] = [bytes(2), bytes(3)];
    const v1 = await putObject(s3, bucket, 'big.bin', old);
    await putObject(s3, bucket, 'big.bin', current);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket, options);

    // Act
    const moved = await engine.quarantine(target(id, bucket, 'big.bin', { versionId: v1.VersionId }));
    const { versions } = await versionsOf(s3, bucket, 'big.bin');
    const conflict = await engine.restore({ findingId: id, actor: 'cli:tester' });
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester', force: true });

    // Assess
    expect([moved.outcome, conflict.outcome]).toEqual(['QUARANTINED', 'CONFLICT']);
    if (restored.outcome !== 'RESTORED') throw new Error(JSON.stringify(restored));
    expect(versions.map((v) => v.VersionId)).not.toContain(v1.VersionId);
    expect(await isData(old, bucket, 'big.bin', restored.restored.versionId)).toBe(true);
    expect(await isData(old, bucket, 'big.bin')).toBe(true);
    expect(await isData(current, bucket, 'big.bin', versions[0]?.VersionId)).toBe(true);
  });

  it('aborts the upload when a part fails, leaves the source readable, and a retry completes', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    const data = bytes(4);
    await putObject(s3, bucket, 'big.bin', data);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket, options);
    const fault = failOn(s3, { command: 'UploadPartCopyCommand', nth: 2 });
    const recording = recordCalls(s3);

    // Act
    const failed = await engine.quarantine(target(id, bucket, 'big.bin'));
    fault.remove();
    recording.remove();
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: quarantineBucket }));
    const sourceAfterFailure = await isData(data, bucket, 'big.bin');
    const retried = await engine.quarantine(target(id, bucket, 'big.bin'));

    // Assess
    expect(failed).toMatchObject({
      outcome: 'FAILED',
      step: 'copy',
      reason: expect.stringContaining('UploadPartCopy'),
    });
    expect(recording.calls.map((c) => c.command)).toContain('AbortMultipartUploadCommand');
    expect(recording.calls.map((c) => c.command)).not.toContain('DeleteObjectCommand');
    expect(uploads.Uploads ?? []).toEqual([]);
    expect(sourceAfterFailure).toBe(true);
    expect(retried.outcome).toBe('QUARANTINED');
  });
});
