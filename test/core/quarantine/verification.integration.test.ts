import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { recordCalls } from '../../support/fault-injection';
import { recordingLogger } from '../../support/recording-logger';
import {
  createBucket,
  findingId,
  head,
  newEngine,
  putLegacyMultipart,
  putObject,
  readText,
  target,
  useQuarantineBucket,
} from './support/s3-fixtures';

describe('QuarantineEngine verification (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  it('verifies by a checksum both objects carry (the SDK uploads with CRC32)', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'c.txt', 'checksummed');
    const log = recordingLogger();

    // Act
    const result = await newEngine(s3, quarantineBucket, { logger: log.logger }).quarantine(
      target(findingId(), bucket, 'c.txt'),
    );

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect(log.at('info').map((line) => line.fields)).toEqual([expect.objectContaining({ verifiedBy: 'checksum' })]);
  });

  it('verifies a single copy by its CopyObject reply, without reading the copy back', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'r.txt', 'stated by the reply');
    const log = recordingLogger();
    const recording = recordCalls(s3);

    // Act
    const result = await newEngine(s3, quarantineBucket, { logger: log.logger }).quarantine(
      target(findingId(), bucket, 'r.txt'),
    );

    // Assess: the one HeadObject in quarantine is the look for an earlier run's copy, before the copy
    recording.remove();
    expect(result.outcome).toBe('QUARANTINED');
    expect(log.at('info').map((line) => line.fields)).toEqual([expect.objectContaining({ verifiedBy: 'checksum' })]);
    const inQuarantine = recording.calls.filter((c) => c.input.Bucket === quarantineBucket).map((c) => c.command);
    expect(inQuarantine).toEqual(['HeadObjectCommand', 'CopyObjectCommand']);
  });

  it('reads both objects back when neither a checksum nor the ETag can decide (old multipart upload)', async () => {
    // Prepare: an object uploaded in two parts without checksums, as older tools did
    const bucket = await createBucket(s3, 'src');
    await putLegacyMultipart(bucket, 'legacy.bin');
    const log = recordingLogger();
    const recording = recordCalls(s3);

    // Act
    const result = await newEngine(s3, quarantineBucket, { logger: log.logger }).quarantine(
      target(findingId(), bucket, 'legacy.bin'),
    );

    // Assess
    recording.remove();
    expect(result.outcome).toBe('QUARANTINED');
    expect(log.at('info').map((line) => line.fields)).toEqual([expect.objectContaining({ verifiedBy: 'read-back' })]);
    expect(recording.calls.filter((c) => c.command === 'GetObjectCommand')).toHaveLength(2);
  });

  it('refuses to delete the source when the copy holds other bytes', async () => {
    // Prepare: a copy step that copies the wrong object (same size, other bytes)
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'right.txt', 'the right bytes');
    await putObject(s3, bucket, 'wrong.txt', 'the wrong bytes');
    const name = 'copy-the-wrong-object';
    s3.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { CopySource?: string };
        if (input.CopySource) input.CopySource = `${bucket}/wrong.txt`;
        return next(args);
      },
      { step: 'initialize', name },
    );

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'right.txt'));

    // Assess
    s3.middlewareStack.remove(name);
    expect(result).toMatchObject({ outcome: 'FAILED', step: 'verify', reason: expect.stringContaining('checksum') });
    expect(await readText(s3, bucket, 'right.txt')).toBe('the right bytes');
  });

  it('writes the copy with the given SSE-KMS key', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'k.txt', 'encrypt me');
    const kmsKeyId = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

    // Act
    const result = await newEngine(s3, quarantineBucket, { kmsKeyId }).quarantine(target(findingId(), bucket, 'k.txt'));

    // Assess
    if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
    const copy = await s3.send(new HeadObjectCommand({ Bucket: quarantineBucket, Key: result.copy.quarantine.key }));
    expect(copy).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId });
    expect(await head(s3, bucket, 'k.txt')).toBeUndefined();
  });
});
