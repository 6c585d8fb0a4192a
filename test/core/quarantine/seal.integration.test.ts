import { HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { motoS3, motoUrl, testCredentials } from '../../support/aws';
import { beforeCall } from '../../support/fault-injection';
import { type KmsEnforcingS3, readerClient, startKmsEnforcingS3 } from '../../support/kms-enforcing-s3';
import {
  APP_KEY,
  createBucket,
  findingId,
  NOW,
  newEngine,
  putObject,
  QUARANTINE_KEY,
  readText,
  SCANNED,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

/** The object as its owner wrote it: what a seal must keep and an unseal give back identically. */
const WRITTEN = {
  ContentType: 'text/csv',
  CacheControl: 'max-age=60',
  ContentDisposition: 'attachment; filename="people.csv"',
  ContentEncoding: 'identity',
  ContentLanguage: 'de-DE',
  Expires: new Date('2030-01-01T00:00:00.000Z'),
  StorageClass: 'STANDARD_IA' as const,
  Metadata: { owner: 'payroll', 'source-system': 'sap' },
  Tagging: 'pii=yes&team=payroll',
};

async function headOf(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<HeadObjectCommandOutput> {
  return s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
}

/** What an unseal must give back exactly as it was. */
const described = (h: HeadObjectCommandOutput) => ({
  ContentType: h.ContentType,
  CacheControl: h.CacheControl,
  ContentDisposition: h.ContentDisposition,
  ContentEncoding: h.ContentEncoding,
  ContentLanguage: h.ContentLanguage,
  Expires: h.Expires,
  StorageClass: h.StorageClass,
  Metadata: h.Metadata,
  ContentLength: h.ContentLength,
});

const encryptionOf = (h: HeadObjectCommandOutput) => ({
  ServerSideEncryption: h.ServerSideEncryption,
  SSEKMSKeyId: h.SSEKMSKeyId,
  BucketKeyEnabled: h.BucketKeyEnabled,
});

describe('QuarantineEngine.seal and unseal (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;
  /** Another writer's client, so race hooks on the engine's client do not meet its calls. */
  let other: S3Client;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket, other } = opened);
  });

  const engine = (options = {}) => newEngine(s3, quarantineBucket, { kmsKeyId: QUARANTINE_KEY, ...options });

  describe('behind a proxy that enforces the quarantine key policy', () => {
    let proxy: KmsEnforcingS3;
    let remediator: S3Client;
    let reader: S3Client;

    beforeAll(async () => {
      proxy = await startKmsEnforcingS3(motoUrl(), {
        [QUARANTINE_KEY]: [testCredentials.accessKeyId],
        [APP_KEY]: [testCredentials.accessKeyId, 'reader'],
      });
      remediator = motoS3(proxy.url);
      reader = readerClient(proxy.url);
    });
    afterAll(async () => {
      remediator.destroy();
      reader.destroy();
      await proxy.stop();
    });

    const readAs = async (client: S3Client, bucket: string) => {
      try {
        return await readText(client, bucket, 'people.csv');
      } catch (err) {
        return (err as Error).name;
      }
    };

    it.each([
      {
        name: 'versioned, SSE-KMS with the application key',
        versioned: true,
        sse: { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: APP_KEY, BucketKeyEnabled: true },
      },
      { name: 'unversioned, SSE-S3', versioned: false, sse: { ServerSideEncryption: 'AES256' as const } },
    ])(
      'refuses a reader once sealed, the remediator reads it, and unseal gives back the original ($name)',
      async ({ versioned, sse }) => {
        // Prepare
        const bucket = await createBucket(s3, 'seal', versioned);
        const put = await putObject(s3, bucket, 'people.csv', SCANNED, { ...WRITTEN, ...sse });
        const before = await headOf(s3, bucket, 'people.csv');
        const id = findingId();
        const sealer = newEngine(remediator, quarantineBucket, { kmsKeyId: QUARANTINE_KEY });

        // Act
        const sealed = await sealer.seal(
          target(id, bucket, 'people.csv', { versionId: put.VersionId, eTag: put.ETag }),
        );
        const whileSealed = {
          reader: await readAs(reader, bucket),
          remediator: await readAs(remediator, bucket),
          head: await headOf(s3, bucket, 'people.csv'),
          tags: await tagsOf(s3, bucket, 'people.csv'),
          versions: (await versionsOf(s3, bucket, 'people.csv')).versions.length,
        };
        const unsealed = await sealer.unseal({
          findingId: id,
          actor: 'cli:tester',
          source: { bucket, key: 'people.csv' },
        });
        const after = await headOf(s3, bucket, 'people.csv');

        // Assess
        expect(sealed).toMatchObject({
          outcome: 'SEALED',
          sealed: {
            findingId: id,
            location: { bucket, key: 'people.csv' },
            original: {
              eTag: before.ETag?.replaceAll('"', ''),
              encryption: versioned
                ? { algorithm: 'aws:kms', kmsKeyId: APP_KEY, bucketKeyEnabled: true }
                : { algorithm: 'AES256' },
            },
            size: SCANNED.length,
            sealedAt: NOW.toISOString(),
            actor: 'cli:tester',
          },
        });
        expect(whileSealed.reader).toBe('AccessDenied');
        expect(whileSealed.remediator).toBe(SCANNED);
        expect(encryptionOf(whileSealed.head)).toMatchObject({
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: QUARANTINE_KEY,
        });
        expect(whileSealed.head.Metadata).toMatchObject({ ...WRITTEN.Metadata, 'macie-remediate-sealed': id });
        expect(whileSealed.head.ContentType).toBe(WRITTEN.ContentType);
        expect(whileSealed.head.StorageClass).toBe('STANDARD_IA');
        expect(whileSealed.tags).toEqual({ pii: 'yes', team: 'payroll' });
        // Versioned: the readable scanned version is gone; only the sealed one holds the bytes.
        expect(whileSealed.versions).toBe(1);
        expect(unsealed).toMatchObject({
          outcome: 'RESTORED',
          sealed: { findingId: id },
          restored: { bucket, key: 'people.csv' },
        });
        expect(await readAs(reader, bucket)).toBe(SCANNED);
        expect(described(after)).toEqual(described(before));
        expect(encryptionOf(after)).toEqual(encryptionOf(before));
        expect(await tagsOf(s3, bucket, 'people.csv')).toEqual({ pii: 'yes', team: 'payroll' });
        expect((await versionsOf(s3, bucket, 'people.csv')).versions.length).toBe(1);
        expect(proxy.refused).toContain('reader');
      },
    );
  });

  it('removes the older versions holding the same bytes, keeping a copy of each in quarantine', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'seal', true);
    const first = await putObject(s3, bucket, 'people.csv', SCANNED);
    await putObject(s3, bucket, 'people.csv', 'other bytes');
    const scanned = await putObject(s3, bucket, 'people.csv', SCANNED, { Metadata: { again: 'yes' } });
    const id = findingId();

    // Act
    const result = await engine().seal(target(id, bucket, 'people.csv', { versionId: scanned.VersionId }));

    // Assess
    expect(result).toMatchObject({ outcome: 'SEALED' });
    const left = (await versionsOf(s3, bucket, 'people.csv')).versions.map((v) => v.VersionId);
    expect(left).toHaveLength(2);
    expect(left).not.toContain(first.VersionId);
    expect(left).not.toContain(scanned.VersionId);
    expect(await readText(s3, quarantineBucket, `${id}/_versions/${first.VersionId}`)).toBe(SCANNED);
  });

  it('reports ALREADY_SEALED when run again, and unseal RESTORED when run again', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'seal', true);
    const put = await putObject(s3, bucket, 'people.csv', SCANNED);
    const id = findingId();
    const sealer = engine();
    const unsealTarget = { findingId: id, actor: 'cli:tester', source: { bucket, key: 'people.csv' } };

    // Act
    const first = await sealer.seal(target(id, bucket, 'people.csv', { versionId: put.VersionId }));
    const again = await sealer.seal(target(id, bucket, 'people.csv', { versionId: put.VersionId }));
    const unsealed = await sealer.unseal(unsealTarget);
    const unsealedAgain = await sealer.unseal(unsealTarget);

    // Assess
    expect(first.outcome).toBe('SEALED');
    expect(again).toMatchObject({ outcome: 'ALREADY_SEALED', sealed: { findingId: id } });
    expect(unsealed.outcome).toBe('RESTORED');
    expect(unsealedAgain.outcome).toBe('RESTORED');
    expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
    expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(1);
  });

  it('is STALE for a version that is no longer current, and for an ETag the object no longer has', async () => {
    // Prepare
    const versionedBucket = await createBucket(s3, 'seal', true);
    const old = await putObject(s3, versionedBucket, 'people.csv', SCANNED);
    await putObject(s3, versionedBucket, 'people.csv', 'newer');
    const plainBucket = await createBucket(s3, 'seal');
    await putObject(s3, plainBucket, 'people.csv', 'rewritten since the scan');

    // Act
    const notCurrent = await engine().seal(
      target(findingId(), versionedBucket, 'people.csv', { versionId: old.VersionId }),
    );
    const changed = await engine().seal(
      target(findingId(), plainBucket, 'people.csv', { eTag: 'ffffffffffffffffffffffffffffffff' }),
    );

    // Assess
    expect(notCurrent).toMatchObject({ outcome: 'STALE', reason: expect.stringContaining('roll the key back') });
    expect(changed).toMatchObject({ outcome: 'STALE', reason: expect.stringContaining('force seals it anyway') });
    expect((await versionsOf(s3, versionedBucket, 'people.csv')).versions).toHaveLength(2);
    expect(await readText(s3, plainBucket, 'people.csv')).toBe('rewritten since the scan');
  });

  it.each([
    {
      name: 'no quarantine key is configured',
      options: { kmsKeyId: undefined },
      reason: 'no quarantine KMS key is configured',
    },
    {
      name: 'the key is in another Region than the bucket',
      options: { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/quarantine-seal' },
      reason: 'is in us-east-1 but the quarantine KMS key is in eu-west-1',
    },
  ])('fails at inspect, writing nothing, when $name', async ({ options, reason }) => {
    // Prepare
    const bucket = await createBucket(s3, 'seal', true);
    await putObject(s3, bucket, 'people.csv', SCANNED);

    // Act
    const result = await engine(options).seal(target(findingId(), bucket, 'people.csv'));

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', step: 'inspect', reason: expect.stringContaining(reason) });
    expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(1);
  });

  it('fails at inspect when the marker would not fit into the 2 KB of user metadata', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'seal', true);
    await putObject(s3, bucket, 'people.csv', SCANNED, { Metadata: { notes: 'x'.repeat(1990) } });

    // Act
    const result = await engine().seal(target(findingId(), bucket, 'people.csv'));

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', step: 'inspect', reason: expect.stringContaining('2 KB') });
    expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(1);
  });

  it('seals an object above the multipart threshold part by part, tags and storage class kept', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'seal', true);
    const body = Buffer.alloc(6 * 1024 * 1024, 7);
    await putObject(s3, bucket, 'big.bin', body, { Tagging: 'pii=yes', StorageClass: 'STANDARD_IA' });
    const id = findingId();
    const sealer = engine({ multipartThresholdBytes: 5 * 1024 * 1024, partSizeBytes: 5 * 1024 * 1024 });

    // Act
    const sealed = await sealer.seal(target(id, bucket, 'big.bin'));
    const whileSealed = await headOf(s3, bucket, 'big.bin');
    const sealedTags = await tagsOf(s3, bucket, 'big.bin');
    const unsealed = await sealer.unseal({ findingId: id, actor: 'cli:tester', source: { bucket, key: 'big.bin' } });

    // Assess
    expect(sealed.outcome).toBe('SEALED');
    expect(encryptionOf(whileSealed)).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: QUARANTINE_KEY });
    expect(whileSealed.StorageClass).toBe('STANDARD_IA');
    expect(sealedTags).toEqual({ pii: 'yes' });
    expect(unsealed.outcome).toBe('RESTORED');
    expect(await tagsOf(s3, bucket, 'big.bin')).toEqual({ pii: 'yes' });
    expect((await headOf(s3, bucket, 'big.bin')).ContentLength).toBe(body.length);
  });

  describe('against a writer', () => {
    it('never rolls the key back: a writer between the inspect and the copy keeps the key (versioned, moto ignores IfMatch)', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'seal', true);
      const put = await putObject(s3, bucket, 'people.csv', SCANNED);
      const race = beforeCall(s3, { command: 'CopyObjectCommand' }, () =>
        putObject(other, bucket, 'people.csv', 'the writer'),
      );

      // Act
      const result = await engine().seal(target(findingId(), bucket, 'people.csv', { versionId: put.VersionId }));

      // Assess
      race.remove();
      expect(result).toMatchObject({
        outcome: 'STALE',
        reason: expect.stringContaining('changed while it was being sealed'),
      });
      expect(await readText(s3, bucket, 'people.csv')).toBe('the writer');
      expect(await readText(s3, bucket, 'people.csv', put.VersionId)).toBe(SCANNED);
      expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(2);
    });

    it("never loses the writer's bytes when it writes between the inspect and the copy (unversioned)", async () => {
      // Prepare
      const bucket = await createBucket(s3, 'seal');
      await putObject(s3, bucket, 'people.csv', SCANNED);
      const id = findingId();
      const race = beforeCall(s3, { command: 'CopyObjectCommand' }, () =>
        putObject(other, bucket, 'people.csv', 'the writer'),
      );
      const sealer = engine();

      // Act
      const result = await sealer.seal(target(id, bucket, 'people.csv'));
      race.remove();
      const afterSeal = await readText(s3, bucket, 'people.csv');
      const unsealed = await sealer.unseal({
        findingId: id,
        actor: 'cli:tester',
        source: { bucket, key: 'people.csv' },
      });

      // Assess
      // Real S3 refuses the copy (CopySourceIfMatch: 412, STALE); moto 5.2 ignores the header and copies the
      // writer's object, which the verify catches. Either way the key keeps the writer's bytes.
      expect(result).toMatchObject({ outcome: 'FAILED', step: 'verify', reason: expect.stringContaining('differs') });
      expect(afterSeal).toBe('the writer');
      expect(unsealed.outcome).toBe('RESTORED');
      expect(await readText(s3, bucket, 'people.csv')).toBe('the writer');
    });

    it('seals the scanned bytes below a writer that writes after the copy, leaving its object current (versioned)', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'seal', true);
      const put = await putObject(s3, bucket, 'people.csv', SCANNED);
      const race = beforeCall(s3, { command: 'ListObjectVersionsCommand' }, () =>
        putObject(other, bucket, 'people.csv', 'the writer'),
      );

      // Act
      const result = await engine().seal(target(findingId(), bucket, 'people.csv', { versionId: put.VersionId }));

      // Assess
      race.remove();
      expect(result).toMatchObject({ outcome: 'SEALED', reason: expect.stringContaining('rewritten during the seal') });
      expect(await readText(s3, bucket, 'people.csv')).toBe('the writer');
      const left = (await versionsOf(s3, bucket, 'people.csv')).versions.map((v) => v.VersionId);
      expect(left).not.toContain(put.VersionId);
      expect(left).toHaveLength(2);
    });

    it('unseal is a CONFLICT when a newer object was written after the seal; force unseals over it', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'seal', true);
      const put = await putObject(s3, bucket, 'people.csv', SCANNED);
      const id = findingId();
      const sealer = engine();
      await sealer.seal(target(id, bucket, 'people.csv', { versionId: put.VersionId }));
      await putObject(other, bucket, 'people.csv', 'the writer');
      const unsealTarget = { findingId: id, actor: 'cli:tester', source: { bucket, key: 'people.csv' } };

      // Act
      const refused = await sealer.unseal(unsealTarget);
      const untouched = await readText(s3, bucket, 'people.csv');
      const forced = await sealer.unseal({ ...unsealTarget, force: true });

      // Assess
      expect(refused).toMatchObject({ outcome: 'CONFLICT', sealed: { findingId: id } });
      expect(untouched).toBe('the writer');
      expect(forced.outcome).toBe('RESTORED');
      expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
      expect((await headOf(s3, bucket, 'people.csv')).Metadata).not.toHaveProperty('macie-remediate-sealed');
      // The writer's object stays as an older version; the sealed one is gone.
      expect((await versionsOf(s3, bucket, 'people.csv')).versions).toHaveLength(2);
    });
  });
});
