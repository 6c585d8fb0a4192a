import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { beforeCall, type FaultRule, failOn } from '../../support/fault-injection';
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
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

const KEY = 'people.csv';

describe('QuarantineEngine.unseal on a versioned key whose seal removed same-bytes versions (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;
  /** Another writer's client, so race hooks on the engine's client do not meet its calls. */
  let other: S3Client;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket, other } = opened);
  });

  const engine = () => newEngine(s3, quarantineBucket, { kmsKeyId: QUARANTINE_KEY });

  /**
   * Oldest first: a twin under the application key, a version with other bytes, a twin under SSE-S3, and
   * the scanned current version, each with its own metadata, content headers and tags.
   */
  async function writeHistory(bucket: string): Promise<string | undefined> {
    await putObject(s3, bucket, KEY, SCANNED, {
      Metadata: { upload: 'first' },
      ContentType: 'text/csv',
      Tagging: 'n=1',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: APP_KEY,
    });
    await putObject(s3, bucket, KEY, 'other bytes', { Metadata: { upload: 'other' }, Tagging: 'n=other' });
    await putObject(s3, bucket, KEY, SCANNED, {
      Metadata: { upload: 'second' },
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      Tagging: 'n=2',
      ServerSideEncryption: 'AES256',
    });
    const scanned = await putObject(s3, bucket, KEY, SCANNED, {
      Metadata: { upload: 'scanned' },
      ContentType: 'text/csv',
      ContentDisposition: 'attachment',
      Tagging: 'n=3',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: APP_KEY,
      BucketKeyEnabled: true,
    });
    return scanned.VersionId;
  }

  /** Every version of the key, newest first, as a reader of each would see it. */
  async function historyOf(bucket: string) {
    const { versions, deleteMarkers } = await versionsOf(s3, bucket, KEY);
    expect(deleteMarkers).toEqual([]);
    return Promise.all(
      versions.map(async ({ VersionId }) => {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: KEY, VersionId }));
        return {
          body: await readText(s3, bucket, KEY, VersionId),
          metadata: head.Metadata,
          tags: await tagsOf(s3, bucket, KEY, VersionId),
          contentType: head.ContentType,
          cacheControl: head.CacheControl,
          contentDisposition: head.ContentDisposition,
          encryption: [head.ServerSideEncryption, head.SSEKMSKeyId, head.BucketKeyEnabled],
        };
      }),
    );
  }

  /**
   * What S3 allows of the history before the seal: a new version always lands on top, so the re-created
   * twins sit right below the unsealed current version, oldest first, above the version the seal left.
   */
  const asUnsealed = (before: Awaited<ReturnType<typeof historyOf>>) => [before[0], before[1], before[3], before[2]];

  async function versionCopiesLeft(id: string): Promise<string[]> {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: quarantineBucket, Prefix: `${id}/_versions/` }));
    return (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
  }

  async function sealHistory() {
    const bucket = await createBucket(s3, 'unsealv', true);
    const scanned = await writeHistory(bucket);
    const before = await historyOf(bucket);
    const id = findingId();
    const sealed = await engine().seal(target(id, bucket, KEY, { versionId: scanned }));
    expect(sealed.outcome).toBe('SEALED');
    expect(await versionCopiesLeft(id)).toHaveLength(3);
    return { bucket, before, id, unsealTarget: { findingId: id, actor: 'cli:tester', source: { bucket, key: KEY } } };
  }

  it('re-creates the removed same-bytes versions below the unsealed one, each as it was, and empties quarantine', async () => {
    // Prepare
    const { bucket, before, id, unsealTarget } = await sealHistory();
    const whileSealed = (await versionsOf(s3, bucket, KEY)).versions.length;

    // Act
    const unsealed = await engine().unseal(unsealTarget);

    // Assess
    expect(whileSealed).toBe(2);
    expect(unsealed).toMatchObject({ outcome: 'RESTORED', restored: { bucket, key: KEY } });
    expect(await historyOf(bucket)).toEqual(asUnsealed(before));
    expect(await versionCopiesLeft(id)).toEqual([]);
    expect(await engine().unseal(unsealTarget)).toMatchObject({ outcome: 'RESTORED' });
    expect(await historyOf(bucket)).toEqual(asUnsealed(before));
  });

  it('is a CONFLICT when a writer writes while the versions are re-created, keeping its object current and every copy', async () => {
    // Prepare
    const { bucket, id, unsealTarget } = await sealHistory();
    const race = beforeCall(s3, { command: 'CopyObjectCommand', nth: 2 }, () =>
      putObject(other, bucket, KEY, 'the writer'),
    );

    // Act
    const result = await engine().unseal(unsealTarget);
    race.remove();

    // Assess
    expect(result).toMatchObject({
      outcome: 'CONFLICT',
      reason: expect.stringContaining('rewritten during the unseal'),
    });
    expect(await readText(s3, bucket, KEY)).toBe('the writer');
    expect(await versionCopiesLeft(id)).toHaveLength(3);
    expect(await engine().unseal(unsealTarget)).toMatchObject({ outcome: 'CONFLICT' });
    expect(await readText(s3, bucket, KEY)).toBe('the writer');
  });

  interface StepFault {
    readonly name: string;
    readonly rule: (bucket: string) => FaultRule;
    readonly step: string;
  }

  const faults: StepFault[] = [
    { name: 'the first twin is not copied back', rule: () => ({ command: 'CopyObjectCommand' }), step: 'copy' },
    {
      name: 'the first twin is copied back but the reply is lost',
      rule: () => ({ command: 'CopyObjectCommand', when: 'after' }),
      step: 'copy',
    },
    {
      name: 'where the first twin landed cannot be read',
      rule: (b) => ({ command: 'ListObjectVersionsCommand', match: inBucket(b) }),
      step: 'verify',
    },
    {
      name: 'the second twin is copied back but the reply is lost',
      rule: () => ({ command: 'CopyObjectCommand', nth: 2, when: 'after' }),
      step: 'copy',
    },
    {
      name: 'the sealed version is not copied in place',
      rule: () => ({ command: 'CopyObjectCommand', nth: 3 }),
      step: 'copy',
    },
    {
      name: 'the sealed version is copied in place but the reply is lost',
      rule: () => ({ command: 'CopyObjectCommand', nth: 3, when: 'after' }),
      step: 'copy',
    },
    {
      name: "the scanned version's copy is not removed from quarantine",
      rule: () => ({ command: 'DeleteObjectCommand', match: inBucket(quarantineBucket) }),
      step: 'delete',
    },
    {
      name: "a twin's copy is not removed from quarantine",
      rule: () => ({ command: 'DeleteObjectCommand', match: inBucket(quarantineBucket), nth: 2 }),
      step: 'delete',
    },
    {
      name: 'the sealed version is not deleted',
      rule: (b) => ({ command: 'DeleteObjectCommand', match: inBucket(b) }),
      step: 'delete',
    },
    {
      name: 'the sealed version is deleted but the reply is lost',
      rule: (b) => ({ command: 'DeleteObjectCommand', match: inBucket(b), when: 'after' }),
      step: 'delete',
    },
  ];

  it.each(faults)(
    'killed when $name: the key reads the scanned bytes, no copy goes before its version is back, a rerun finishes',
    async (fault) => {
      // Prepare
      const { bucket, before, id, unsealTarget } = await sealHistory();
      const injected = failOn(s3, fault.rule(bucket));

      // Act
      const failed = await engine().unseal(unsealTarget);
      injected.remove();
      const afterFailure = {
        current: await readText(s3, bucket, KEY),
        uploads: (await historyOf(bucket)).map((v) => v.metadata?.upload),
        copiesLeft: await versionCopiesLeft(id),
      };
      const retried = await engine().unseal(unsealTarget);

      // Assess
      expect(injected.injected).toBe(1);
      expect(failed).toMatchObject({
        outcome: 'FAILED',
        step: fault.step,
        reason: expect.stringContaining('Internal'),
      });
      expect(afterFailure.current).toBe(SCANNED);
      // A twin's copy leaves quarantine only once the twin is back on the key.
      const copied = afterFailure.copiesLeft.length;
      for (const twin of ['first', 'second']) {
        if (copied < 3) expect(afterFailure.uploads).toContain(twin);
      }
      expect(retried).toMatchObject({ outcome: 'RESTORED', restored: { bucket, key: KEY } });
      expect(await historyOf(bucket)).toEqual(asUnsealed(before));
      expect(await versionCopiesLeft(id)).toEqual([]);
    },
  );
});
