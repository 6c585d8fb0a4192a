import { isOurSuppression, type SuppressionRequest, suppressionRule } from '../../../core/macie/suppression-rule';

const request: SuppressionRequest = {
  scope: 'object',
  findingId: 'f-1',
  accountId: '111122223333',
  bucket: 'payroll-data',
  key: 'exports/2025/march.csv',
  findingType: 'SensitiveData:S3Object/Personal',
  actor: 'slack:U123',
  reason: 'test data, no real people',
  at: '2025-03-01T10:00:00.000Z',
};

describe('suppressionRule', () => {
  it('archives the object by account, bucket and key, named by bucket and a hash a person can find', () => {
    // Act
    const rule = suppressionRule(request);

    // Assess
    expect(rule.criterion).toEqual({
      accountId: { eq: ['111122223333'] },
      'resourcesAffected.s3Bucket.name': { eq: ['payroll-data'] },
      'resourcesAffected.s3Object.key': { eq: ['exports/2025/march.csv'] },
    });
    expect(rule.name).toMatch(/^macie-remediate-payroll-data-[0-9a-f]{8}$/);
    expect(rule.description).toBe(
      'Archives findings of s3://payroll-data/exports/2025/march.csv (account 111122223333). ' +
        'Dismissed by slack:U123 on 2025-03-01T10:00:00.000Z (finding f-1): test data, no real people',
    );
    expect(rule.tags).toEqual({ 'macie-remediate:created': request.at, 'macie-remediate:finding': 'f-1' });
  });

  it('archives the bucket and type for "similar"', () => {
    // Act
    const rule = suppressionRule({ ...request, scope: 'similar' });

    // Assess
    expect(rule.criterion).toEqual({
      'resourcesAffected.s3Bucket.name': { eq: ['payroll-data'] },
      type: { eq: ['SensitiveData:S3Object/Personal'] },
    });
    expect(rule.description).toMatch(/^Archives SensitiveData:S3Object\/Personal findings in s3:\/\/payroll-data\./);
  });

  it('names the same criteria the same whoever dismisses and when, and other criteria otherwise', () => {
    // Act
    const first = suppressionRule(request);
    const again = suppressionRule({ ...request, findingId: 'f-2', actor: 'cli:bob', at: '2025-04-01T00:00:00.000Z' });
    const otherKey = suppressionRule({ ...request, key: 'exports/2025/april.csv' });
    const similar = suppressionRule({ ...request, scope: 'similar' });

    // Assess
    expect(again.name).toBe(first.name);
    expect(again.clientToken).toBe(first.clientToken);
    expect(new Set([first.name, otherKey.name, similar.name]).size).toBe(3);
  });

  it('keeps within Macie limits: a 63-character dotted bucket and a 1,024-character key', () => {
    // Act
    const rule = suppressionRule({ ...request, bucket: `${'a.b'.repeat(21)}`, key: 'k'.repeat(1024) });

    // Assess
    expect(rule.name.length).toBeLessThanOrEqual(64);
    expect(rule.name).toMatch(/^macie-remediate-[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(rule.description.length).toBe(512);
    expect(rule.description.endsWith('…')).toBe(true);
  });

  it('recognises its filters by their name prefix', () => {
    expect(isOurSuppression(suppressionRule(request).name)).toBe(true);
    expect(isOurSuppression('security-team-archive-logs')).toBe(false);
  });
});
