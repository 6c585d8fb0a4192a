import type { S3Client } from '@aws-sdk/client-s3';
import type { TagTarget, UntagTarget } from '../../../core/types';
import {
  createBucket,
  findingId,
  newEngine,
  putObject,
  readText,
  SCANNED,
  tagsOf,
  target,
  useQuarantineBucket,
} from './support/s3-fixtures';

const TAG = { key: 'macie-remediate:finding', value: 'SensitiveData:S3Object/Financial HIGH' };

describe('QuarantineEngine.tag and untag (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  const tagTarget = (id: string, bucket: string, source = {}): TagTarget => ({
    ...target(id, bucket, 'people.csv', source),
    tag: TAG,
  });
  const untagTarget = (id: string, bucket: string, versionId?: string): UntagTarget => ({
    findingId: id,
    actor: 'cli:tester',
    source: { bucket, key: 'people.csv', ...(versionId ? { versionId } : {}) },
    tag: TAG,
  });

  it('merges the tag into the scanned version, is ALREADY_TAGGED when run again, and untag takes only it off', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'tag', true);
    const put = await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: 'team=payroll' });
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);

    // Act
    const tagged = await engine.tag(tagTarget(id, bucket, { versionId: put.VersionId }));
    const again = await engine.tag(tagTarget(id, bucket, { versionId: put.VersionId }));
    const whileTagged = await tagsOf(s3, bucket, 'people.csv', put.VersionId);
    const untagged = await engine.untag(untagTarget(id, bucket, put.VersionId));
    const untaggedAgain = await engine.untag(untagTarget(id, bucket, put.VersionId));

    // Assess
    expect(tagged).toEqual({ outcome: 'TAGGED', location: { bucket, key: 'people.csv', versionId: put.VersionId } });
    expect(again.outcome).toBe('ALREADY_TAGGED');
    expect(whileTagged).toEqual({ team: 'payroll', [TAG.key]: TAG.value });
    expect(untagged.outcome).toBe('RESTORED');
    expect(untaggedAgain.outcome).toBe('RESTORED');
    expect(await tagsOf(s3, bucket, 'people.csv', put.VersionId)).toEqual({ team: 'payroll' });
    expect(await readText(s3, bucket, 'people.csv')).toBe(SCANNED);
  });

  it('fails at the tag step, changing nothing, when the object already carries 10 other tags', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'tag');
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}=v${i}`).join('&');
    await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: ten });

    // Act
    const result = await newEngine(s3, quarantineBucket).tag(tagTarget(findingId(), bucket));

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', step: 'tag', reason: expect.stringContaining('10 tags') });
    expect(Object.keys(await tagsOf(s3, bucket, 'people.csv'))).toHaveLength(10);
  });

  it('replaces another value of the same tag key with its own; untag leaves a value someone else set', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'tag');
    await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: `${encodeURIComponent(TAG.key)}=old` });
    const id = findingId();
    const engine = newEngine(s3, quarantineBucket);

    // Act
    const tagged = await engine.tag(tagTarget(id, bucket));
    await putObject(s3, bucket, 'people.csv', SCANNED, { Tagging: `${encodeURIComponent(TAG.key)}=someone-else` });
    const untagged = await engine.untag(untagTarget(id, bucket));

    // Assess
    expect(tagged.outcome).toBe('TAGGED');
    expect(untagged.outcome).toBe('RESTORED');
    expect(await tagsOf(s3, bucket, 'people.csv')).toEqual({ [TAG.key]: 'someone-else' });
  });

  it('is STALE when the object changed since the scan, and SOURCE_MISSING when it is gone', async () => {
    // Prepare
    const bucket = await createBucket(s3, 'tag');
    await putObject(s3, bucket, 'people.csv', SCANNED);
    const engine = newEngine(s3, quarantineBucket);

    // Act
    const stale = await engine.tag(tagTarget(findingId(), bucket, { eTag: 'ffffffffffffffffffffffffffffffff' }));
    const missing = await engine.tag({ ...tagTarget(findingId(), bucket), source: { bucket, key: 'gone.csv' } });

    // Assess
    expect(stale).toMatchObject({ outcome: 'STALE', reason: expect.stringContaining('force tags it anyway') });
    expect(missing).toMatchObject({ outcome: 'SOURCE_MISSING' });
    expect(await tagsOf(s3, bucket, 'people.csv')).toEqual({});
  });
});
