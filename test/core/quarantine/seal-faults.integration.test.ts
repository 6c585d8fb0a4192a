import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type FaultRule, failOn } from '../../support/fault-injection';
import {
  APP_KEY,
  createBucket,
  findingId,
  inBucket,
  newEngine,
  putObject,
  QUARANTINE_KEY,
  readText,
  SCANNED,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

interface StepFault {
  readonly name: string;
  readonly versioned: boolean;
  readonly rule: (bucket: string) => FaultRule;
  readonly step: string;
  readonly retry: string;
}

describe('QuarantineEngine.seal and unseal killed at each step (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  const engine = () => newEngine(s3, quarantineBucket, { kmsKeyId: QUARANTINE_KEY });
  const headOf = (bucket: string) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'people.csv' }));

  const sealFaults: StepFault[] = [
    {
      name: 'the copy fails before it reaches S3',
      versioned: true,
      rule: () => ({ command: 'CopyObjectCommand' }),
      step: 'copy',
      retry: 'SEALED',
    },
    {
      name: 'the copy is made but its reply is lost',
      versioned: true,
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
      retry: 'SEALED',
    },
    {
      name: 'reading the sealed object back fails',
      versioned: true,
      rule: (b) => ({ command: 'HeadObjectCommand', match: inBucket(b), nth: 3 }),
      step: 'verify',
      retry: 'SEALED',
    },
    {
      name: 'the scanned version is not deleted',
      versioned: true,
      rule: (b) => ({ command: 'DeleteObjectCommand', match: inBucket(b) }),
      step: 'delete',
      retry: 'SEALED',
    },
    {
      name: 'the scanned version is deleted but the reply is lost',
      versioned: true,
      rule: (b) => ({ command: 'DeleteObjectCommand', match: inBucket(b), when: 'after' }),
      step: 'delete',
      retry: 'ALREADY_SEALED',
    },
    {
      name: 'the copy fails before it reaches S3',
      versioned: false,
      rule: () => ({ command: 'CopyObjectCommand' }),
      step: 'copy',
      retry: 'SEALED',
    },
    {
      name: 'the copy is made but its reply is lost',
      versioned: false,
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
      retry: 'ALREADY_SEALED',
    },
    {
      name: 'reading the sealed object back fails',
      versioned: false,
      rule: (b) => ({ command: 'HeadObjectCommand', match: inBucket(b), nth: 2 }),
      step: 'verify',
      retry: 'ALREADY_SEALED',
    },
  ];

  it.each(sealFaults)(
    'seal: the bytes stay readable to the remediator when $name (versioned: $versioned), and a rerun finishes',
    async (fault) => {
      // Prepare
      const bucket = await createBucket(s3, 'sealf', fault.versioned);
      const put = await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: 'pii=yes' });
      const id = findingId();
      const sealTarget = target(id, bucket, 'people.csv', { versionId: put.VersionId, eTag: put.ETag });
      const injected = failOn(s3, fault.rule(bucket));

      // Act
      const failed = await engine().seal(sealTarget);
      injected.remove();
      const afterFailure = await readText(s3, bucket, 'people.csv');
      const retried = await engine().seal(sealTarget);

      // Assess
      expect(injected.injected).toBe(1);
      expect(failed).toMatchObject({
        outcome: 'FAILED',
        step: fault.step,
        reason: expect.stringContaining('InternalError'),
      });
      expect(afterFailure).toBe(SCANNED);
      expect(retried).toMatchObject({ outcome: fault.retry, sealed: { findingId: id } });
      expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
      const head = await headOf(bucket);
      expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: QUARANTINE_KEY });
      expect(head.Metadata).toMatchObject({ 'macie-remediate-sealed': id });
      // Versioned: no readable copy of the scanned bytes is left beside the sealed one.
      expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(1);
    },
  );

  const unsealFaults: StepFault[] = [
    {
      name: 'the copy back fails before it reaches S3',
      versioned: true,
      rule: () => ({ command: 'CopyObjectCommand' }),
      step: 'copy',
      retry: 'RESTORED',
    },
    {
      name: 'the copy back is made but its reply is lost',
      versioned: true,
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
      retry: 'RESTORED',
    },
    {
      name: 'the sealed version is not deleted',
      versioned: true,
      rule: (b) => ({ command: 'DeleteObjectCommand', match: inBucket(b) }),
      step: 'delete',
      retry: 'RESTORED',
    },
    {
      name: 'the copy back is made but its reply is lost',
      versioned: false,
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
      retry: 'RESTORED',
    },
  ];

  it.each(unsealFaults)(
    'unseal: the bytes stay readable when $name (versioned: $versioned), and a rerun finishes',
    async (fault) => {
      // Prepare
      const bucket = await createBucket(s3, 'unsealf', fault.versioned);
      const put = await putObject(s3, bucket, 'people.csv', SCANNED, {
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: APP_KEY,
      });
      const id = findingId();
      await engine().seal(target(id, bucket, 'people.csv', { versionId: put.VersionId }));
      const unsealTarget = { findingId: id, actor: 'cli:tester', source: { bucket, key: 'people.csv' } };
      const injected = failOn(s3, fault.rule(bucket));

      // Act
      const failed = await engine().unseal(unsealTarget);
      injected.remove();
      const afterFailure = await readText(s3, bucket, 'people.csv');
      const retried = await engine().unseal(unsealTarget);

      // Assess
      expect(failed).toMatchObject({ outcome: 'FAILED', step: fault.step });
      expect(afterFailure).toBe(SCANNED);
      expect(retried).toMatchObject({ outcome: fault.retry });
      expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
      const head = await headOf(bucket);
      expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: APP_KEY });
      expect(head.Metadata).not.toHaveProperty('macie-remediate-sealed');
      expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(1);
    },
  );
});
