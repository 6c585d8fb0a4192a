import { S3Client } from '@aws-sdk/client-s3';
import { testCredentials } from '../../support/aws';
import { type FaultRule, failOn, type RecordedCall, recordCalls } from '../../support/fault-injection';
import { freePort } from '../../support/moto-server';
import {
  createBucket,
  findingId,
  MiB,
  newEngine,
  putObject,
  readText,
  SCANNED,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

/**
 * The data-safety invariant, read from the calls a run made: no object leaves the source bucket before a
 * copy was written to quarantine and S3 stated what it holds: the single CopyObject's own reply (its ETag and
 * checksum), or a successful HeadObject of a multipart copy after it was completed.
 */
function expectDeleteOnlyAfterVerifiedCopy(
  calls: readonly RecordedCall[],
  sourceBucket: string,
  quarantineBucket: string,
) {
  const firstDelete = calls.findIndex((c) => c.command === 'DeleteObjectCommand' && c.input.Bucket === sourceBucket);
  if (firstDelete === -1) return;
  const written = calls.findIndex(
    (c) =>
      c.ok &&
      c.input.Bucket === quarantineBucket &&
      (c.command === 'CopyObjectCommand' || c.command === 'CompleteMultipartUploadCommand'),
  );
  const verified =
    calls[written]?.command === 'CopyObjectCommand'
      ? written
      : calls.findIndex(
          (c, i) =>
            i > Math.max(written, -1) &&
            c.ok &&
            c.command === 'HeadObjectCommand' &&
            c.input.Bucket === quarantineBucket,
        );
  // A retry may find the copy a failed run wrote: then its first successful HeadObject of the copy verifies it.
  const copyFound = calls.findIndex(
    (c) => c.ok && c.command === 'HeadObjectCommand' && c.input.Bucket === quarantineBucket,
  );
  expect(written === -1 ? copyFound : verified).toBeGreaterThanOrEqual(0);
  expect(written === -1 ? copyFound : verified).toBeLessThan(firstDelete);
}

describe('QuarantineEngine under faults (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  const inQuarantine = (input: Readonly<Record<string, unknown>>) => input.Bucket === quarantineBucket;

  interface MoveFault {
    readonly name: string;
    readonly rule: (sourceBucket: string) => FaultRule;
    readonly step: string;
    readonly copyLeft: boolean;
    readonly sourceLeft: boolean;
    readonly retry: string;
    /** Copy part by part: only a multipart copy is read back to verify it. */
    readonly multipart?: boolean;
  }

  const moveFaults: MoveFault[] = [
    {
      name: 'the copy fails before it reaches the store',
      rule: () => ({ command: 'CopyObjectCommand' }),
      step: 'copy',
      copyLeft: false,
      sourceLeft: true,
      retry: 'QUARANTINED',
    },
    {
      name: 'the copy is made but its reply is lost (after copy, before verify)',
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
      copyLeft: true,
      sourceLeft: true,
      retry: 'QUARANTINED',
    },
    {
      name: 'reading a multipart copy back fails (during verify)',
      rule: () => ({ command: 'HeadObjectCommand', match: inQuarantine, nth: 2 }),
      multipart: true,
      step: 'verify',
      copyLeft: true,
      sourceLeft: true,
      retry: 'QUARANTINED',
    },
    {
      name: 'the source delete fails',
      rule: (bucket) => ({ command: 'DeleteObjectCommand', match: (i) => i.Bucket === bucket }),
      step: 'delete',
      copyLeft: true,
      sourceLeft: true,
      retry: 'QUARANTINED',
    },
    {
      name: 'the source is deleted but the reply is lost',
      rule: (bucket) => ({ command: 'DeleteObjectCommand', match: (i) => i.Bucket === bucket, when: 'after' }),
      step: 'delete',
      copyLeft: true,
      sourceLeft: false,
      retry: 'ALREADY_QUARANTINED',
    },
  ];

  it.each(moveFaults)('keeps the data readable when $name, and a retry finishes', async (fault) => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: 'pii=yes' });
    const id = findingId();
    const copyKey = `${id}/${bucket}/people.csv`;
    const engine = newEngine(s3, quarantineBucket, fault.multipart ? { multipartThresholdBytes: 1 } : {});
    const injected = failOn(s3, fault.rule(bucket));
    const firstRun = recordCalls(s3);

    // Act
    const failed = await engine.quarantine(target(id, bucket, 'people.csv'));
    injected.remove();
    firstRun.remove();
    const afterFailure = {
      source: await readText(s3, bucket, 'people.csv'),
      copy: await readText(s3, quarantineBucket, copyKey),
    };
    const retryRun = recordCalls(s3);
    const retried = await engine.quarantine(target(id, bucket, 'people.csv'));
    retryRun.remove();

    // Assess
    expect(injected.injected).toBe(1);
    expect(failed).toMatchObject({
      outcome: 'FAILED',
      step: fault.step,
      reason: expect.stringContaining('InternalError'),
    });
    expect(afterFailure).toEqual({
      source: fault.sourceLeft ? SCANNED : undefined,
      copy: fault.copyLeft ? SCANNED : undefined,
    });
    expect(retried.outcome).toBe(fault.retry);
    expect(await readText(s3, bucket, 'people.csv')).toBeUndefined();
    expect(await readText(s3, quarantineBucket, copyKey)).toBe(SCANNED);
    expectDeleteOnlyAfterVerifiedCopy(firstRun.calls, bucket, quarantineBucket);
    expectDeleteOnlyAfterVerifiedCopy(retryRun.calls, bucket, quarantineBucket);
  });

  it('never deletes before a verified copy exists, single-part or multipart', async () => {
    for (const options of [{}, { multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB }]) {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'obj.bin', Buffer.alloc(6 * MiB, 7));
      const recording = recordCalls(s3);

      // Act
      const result = await newEngine(s3, quarantineBucket, options).quarantine(target(findingId(), bucket, 'obj.bin'));

      // Assess
      recording.remove();
      expect(result.outcome).toBe('QUARANTINED');
      expect(recording.calls.some((c) => c.command === 'DeleteObjectCommand')).toBe(true);
      expectDeleteOnlyAfterVerifiedCopy(recording.calls, bucket, quarantineBucket);
    }
  });

  it('finishes removing same-bytes versions after a delete in the middle of the sweep fails', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'vsrc', true);
    await putObject(s3, bucket, 'doc.txt', SCANNED);
    const scanned = await putObject(s3, bucket, 'doc.txt', SCANNED);
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);
    const injected = failOn(s3, { command: 'DeleteObjectCommand', match: (i) => i.Bucket === bucket });

    // Act
    const failed = await engine.quarantine(target(id, bucket, 'doc.txt', { versionId: scanned.VersionId }));
    injected.remove();
    const scannedAfterFailure = await readText(s3, bucket, 'doc.txt', scanned.VersionId);
    const retried = await engine.quarantine(target(id, bucket, 'doc.txt', { versionId: scanned.VersionId }));

    // Assess
    expect(failed).toMatchObject({ outcome: 'FAILED', step: 'delete' });
    expect(scannedAfterFailure).toBe(SCANNED);
    expect(retried.outcome).toBe('QUARANTINED');
    expect(await versionsOf(s3, bucket, 'doc.txt')).toEqual({ versions: [], deleteMarkers: [] });
  });

  it('reports AccessDenied as FAILED with the step, not as an exception', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'src');
    await putObject(s3, bucket, 'locked.txt', SCANNED);
    const injected = failOn(s3, {
      command: 'HeadObjectCommand',
      match: (i) => i.Bucket === bucket,
      error: { name: 'AccessDenied', status: 403, message: 'Access Denied' },
    });

    // Act
    const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'locked.txt'));

    // Assess
    injected.remove();
    expect(result).toEqual({
      outcome: 'FAILED',
      step: 'inspect',
      reason: `HeadObject s3://${bucket}/locked.txt failed: AccessDenied (HTTP 403): Access Denied`,
    });
    expect(await readText(s3, bucket, 'locked.txt')).toBe(SCANNED);
  });

  it('reports an unreachable store as FAILED', async () => {
    // Prepare
    const port = await freePort();
    const offline = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: testCredentials,
      forcePathStyle: true,
      maxAttempts: 1,
    });

    // Act
    const result = await newEngine(offline, 'quarantine').quarantine(target(findingId(), 'src', 'k'));

    // Assess
    offline.destroy();
    expect(result).toMatchObject({
      outcome: 'FAILED',
      step: 'inspect',
      reason: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('lets a bug surface as an exception instead of an outcome', async () => {
    const injected = failOn(s3, { command: 'HeadObjectCommand', error: new TypeError('a bug') });
    await expect(newEngine(s3, quarantineBucket).quarantine(target(findingId(), 'src', 'k'))).rejects.toThrow('a bug');
    injected.remove();
  });

  describe('restore', () => {
    const restoreFaults = [
      {
        name: 'copying back fails',
        rule: (bucket: string): FaultRule => ({ command: 'CopyObjectCommand', match: (i) => i.Bucket === bucket }),
        step: 'copy',
        restoredLeft: false,
      },
      {
        name: 'the copy back is made but its reply is lost',
        rule: (bucket: string): FaultRule => ({
          command: 'CopyObjectCommand',
          match: (i) => i.Bucket === bucket,
          when: 'after',
        }),
        step: 'copy',
        restoredLeft: true,
      },
      {
        name: "locating the copy fails (ListObjectsV2 on the finding's prefix)",
        rule: (): FaultRule => ({ command: 'ListObjectsV2Command', match: inQuarantine }),
        step: 'inspect',
        restoredLeft: false,
      },
      {
        name: "reading the located copy's metadata fails (HeadObject on quarantine)",
        rule: (): FaultRule => ({ command: 'HeadObjectCommand', match: inQuarantine }),
        step: 'inspect',
        restoredLeft: false,
      },
      {
        name: 'verifying the restored object fails (its HeadObject after the copy back)',
        // The first HeadObject of the original location looks for an object in the way; the second verifies.
        rule: (bucket: string): FaultRule => ({
          command: 'HeadObjectCommand',
          match: (i) => i.Bucket === bucket,
          nth: 2,
        }),
        step: 'verify',
        restoredLeft: true,
      },
      {
        name: 'removing the quarantined copy fails (after the restored copy, before the quarantine delete)',
        rule: (): FaultRule => ({ command: 'DeleteObjectCommand', match: inQuarantine }),
        step: 'delete',
        restoredLeft: true,
      },
      {
        name: "the quarantined copy's last version is removed but the reply is lost",
        rule: (): FaultRule => ({ command: 'DeleteObjectCommand', match: inQuarantine, when: 'after' }),
        step: 'delete',
        restoredLeft: true,
        copyLeft: false,
      },
    ];

    it.each(restoreFaults)('keeps the data readable when $name, and a retry finishes', async (fault) => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'people.csv', SCANNED);
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);
      const moved = await engine.quarantine(target(id, bucket, 'people.csv'));
      if (moved.outcome !== 'QUARANTINED') throw new Error(moved.outcome);
      const injected = failOn(s3, fault.rule(bucket));

      // Act
      const failed = await engine.restore({ findingId: id, actor: 'cli:tester' });
      injected.remove();
      const afterFailure = {
        restored: await readText(s3, bucket, 'people.csv'),
        copy: await readText(s3, quarantineBucket, moved.copy.quarantine.key),
      };
      const retried = await engine.restore({ findingId: id, actor: 'cli:tester' });

      // Assess
      expect(failed).toMatchObject({ outcome: 'FAILED', step: fault.step });
      expect(afterFailure).toEqual({
        restored: fault.restoredLeft ? SCANNED : undefined,
        copy: fault.copyLeft === false ? undefined : SCANNED,
      });
      expect(retried.outcome).toBe('RESTORED');
      expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
      expect(await versionsOf(s3, quarantineBucket, moved.copy.quarantine.key)).toEqual({
        versions: [],
        deleteMarkers: [],
      });
    });
  });
});
