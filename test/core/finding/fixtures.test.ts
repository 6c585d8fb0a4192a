import { buildFinding, buildFindingEvent } from '../../support/fixtures';

describe('test fixtures: buildFinding / buildFindingEvent', () => {
  it('builds a finding for any bucket, key, ETag and version', () => {
    // Act
    const finding = buildFinding({
      id: 'id-1',
      type: 'Personal',
      severity: 'Medium',
      bucket: 'my-bucket',
      key: 'dir/file name+1.txt',
      versionId: 'v9',
      eTag: 'abc',
      size: 12,
    });

    // Assess
    expect(finding).toMatchObject({
      id: 'id-1',
      type: 'SensitiveData:S3Object/Personal',
      severity: { description: 'Medium', score: 2 },
      object: { bucket: 'my-bucket', key: 'dir/file name+1.txt', versionId: 'v9', eTag: 'abc', size: 12 },
    });
  });

  it('keeps the event consistent: path, bucketArn and envelope follow the overrides', () => {
    // Act
    const event = buildFindingEvent({ bucket: 'b2', key: 'x/y.csv', region: 'eu-west-1', accountId: '444455556666' });

    // Assess
    expect(event).toMatchObject({
      source: 'aws.macie',
      'detail-type': 'Macie Finding',
      region: 'eu-west-1',
      account: '444455556666',
    });
    expect(event.detail.resourcesAffected).toMatchObject({
      s3Bucket: { name: 'b2', arn: 'arn:aws:s3:::b2' },
      s3Object: { key: 'x/y.csv', path: 'b2/x/y.csv', bucketArn: 'arn:aws:s3:::b2', extension: 'csv' },
    });
  });

  it('gives every built finding its own id', () => {
    expect(buildFinding().id).not.toBe(buildFinding().id);
  });

  it('builds policy findings without an object', () => {
    // Act
    const finding = buildFinding({ type: 'Policy:IAMUser/S3BucketPublic', bucket: 'b3' });

    // Assess
    expect(finding.category).toBe('POLICY');
    expect(finding.object).toBeUndefined();
  });
});
