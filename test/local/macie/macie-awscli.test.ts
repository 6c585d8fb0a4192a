import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { makeFinding } from '../../../local/macie/make-finding';
import { awsCli } from '../../support/awscli';

/** The AWS CLI (botocore): a Macie2 client nobody here wrote. */
describe('MacieStandIn with the AWS CLI', () => {
  const macie = new MacieStandIn();
  const cli = awsCli({ endpoint: () => macie.url });
  const aws = (...args: string[]): Promise<unknown> => cli.json(args);

  beforeAll(async () => {
    cli.assertInstalled();
    await macie.start();
  });

  afterAll(async () => {
    await macie.stop();
    cli.remove();
  });

  it('lists findings through every page (the CLI follows nextToken itself)', async () => {
    // Prepare
    const findings = Array.from({ length: 120 }, (_, i) =>
      makeFinding({ bucket: 'cli-bucket', key: `object-${i}.csv`, type: 'SensitiveData:S3Object/Financial' }),
    );
    macie.add(...findings);
    macie.add(makeFinding({ bucket: 'other', key: 'x.txt', type: 'SensitiveData:S3Object/Personal' }));

    // Act
    const output = (await aws(
      'macie2',
      'list-findings',
      '--finding-criteria',
      JSON.stringify({ criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['cli-bucket'] } } }),
    )) as { findingIds: string[] };

    // Assess
    expect(output.findingIds).toEqual(findings.map((f) => f.id));
    const pages = macie.requests().filter((r) => r.operation === 'ListFindings');
    expect(pages.length).toBe(3);
  });

  it('gets findings by id with their fields intact', async () => {
    // Prepare
    const finding = makeFinding({
      bucket: 'cli-bucket',
      key: 'reports/Full name.xlsx',
      type: 'SensitiveData:S3Object/Personal',
      versionId: 'v1',
      createdAt: '2025-03-15T02:11:37.902Z',
    });
    macie.add(finding);

    // Act
    const output = (await aws(
      'macie2',
      'get-findings',
      '--finding-ids',
      finding.id,
      'ffffffffffffffffffffffffffffffff',
    )) as {
      findings: { id: string; type: string; resourcesAffected: { s3Object: { key: string; versionId: string } } }[];
    };

    // Assess
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]).toMatchObject({
      id: finding.id,
      type: 'SensitiveData:S3Object/Personal',
      resourcesAffected: { s3Object: { key: 'reports/Full name.xlsx', versionId: 'v1' } },
    });
  });

  it('creates, lists, gets and deletes a findings filter (create-findings-filter ... --endpoint-url)', async () => {
    // Prepare
    const criteria = { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['cli-bucket'] } } };

    // Act
    const created = (await aws(
      'macie2',
      'create-findings-filter',
      '--action',
      'ARCHIVE',
      '--name',
      'macie-remediate-cli-bucket-0a1b2c3d',
      '--description',
      'dismissed by @alice',
      '--finding-criteria',
      JSON.stringify(criteria),
    )) as { id: string; arn: string };
    const listed = (await aws('macie2', 'list-findings-filters')) as { findingsFilterListItems: { id: string }[] };
    const got = (await aws('macie2', 'get-findings-filter', '--id', created.id)) as Record<string, unknown>;
    await aws('macie2', 'delete-findings-filter', '--id', created.id);
    const missing = aws('macie2', 'get-findings-filter', '--id', created.id);

    // Assess
    expect(listed.findingsFilterListItems.map((item) => item.id)).toEqual([created.id]);
    expect(got).toMatchObject({
      action: 'ARCHIVE',
      name: 'macie-remediate-cli-bucket-0a1b2c3d',
      description: 'dismissed by @alice',
      findingCriteria: criteria,
      arn: created.arn,
    });
    await expect(missing).rejects.toMatchObject({
      stderr: expect.stringContaining('(ResourceNotFoundException) when calling the GetFindingsFilter operation'),
    });
  });

  it('reads and changes the Security Hub publication settings (put-findings-publication-configuration)', async () => {
    // Act
    const before = await aws('macie2', 'get-findings-publication-configuration');
    const put = await aws(
      'macie2',
      'put-findings-publication-configuration',
      '--security-hub-configuration',
      'publishClassificationFindings=true,publishPolicyFindings=false',
    );
    const after = await aws('macie2', 'get-findings-publication-configuration');

    // Assess
    expect(before).toEqual({
      securityHubConfiguration: { publishClassificationFindings: false, publishPolicyFindings: true },
    });
    expect(put).toBeUndefined();
    expect(after).toEqual({
      securityHubConfiguration: { publishClassificationFindings: true, publishPolicyFindings: false },
    });
    expect(macie.requests().filter((r) => r.operation === 'PutFindingsPublicationConfiguration')).toEqual([
      expect.objectContaining({
        method: 'PUT',
        path: '/findings-publication-configuration',
        body: {
          clientToken: expect.any(String),
          securityHubConfiguration: { publishClassificationFindings: true, publishPolicyFindings: false },
        },
        status: 200,
      }),
    ]);
  });

  it('reports a Macie error the way the CLI prints service errors', async () => {
    // Prepare
    macie.setStatus('DISABLED');

    // Act
    const call = aws('macie2', 'get-macie-session');

    // Assess
    await expect(call).rejects.toMatchObject({
      stderr: expect.stringContaining(
        '(AccessDeniedException) when calling the GetMacieSession operation: Macie is not enabled.',
      ),
    });
    macie.setStatus('ENABLED');
  });
});
