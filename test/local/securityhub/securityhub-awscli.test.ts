import { makeFinding } from '../../../local/macie/make-finding';
import { SecurityHubStandIn } from '../../../local/securityhub/SecurityHubStandIn';
import { awsCli } from '../../support/awscli';

/** The AWS CLI (botocore): a Security Hub client nobody here wrote. */
describe('SecurityHubStandIn with the AWS CLI', () => {
  const hub = new SecurityHubStandIn();
  const cli = awsCli({ endpoint: () => hub.url });
  const aws = (...args: string[]): Promise<unknown> => cli.json(['securityhub', ...args]);

  beforeAll(async () => {
    cli.assertInstalled();
    await hub.start();
  });

  afterAll(async () => {
    await hub.stop();
    cli.remove();
  });

  it('gets the Macie findings of one object through every page (the CLI follows NextToken itself)', async () => {
    // Prepare
    const mine = Array.from({ length: 130 }, () =>
      hub.publish(makeFinding({ bucket: 'cli-bucket', key: 'same.csv', type: 'SensitiveData:S3Object/Financial' })),
    );
    hub.publish(makeFinding({ bucket: 'cli-bucket', key: 'other.csv', type: 'SensitiveData:S3Object/Financial' }));

    // Act
    const output = (await aws(
      'get-findings',
      '--filters',
      JSON.stringify({
        ProductName: [{ Value: 'Macie', Comparison: 'EQUALS' }],
        ResourceId: [{ Value: 'arn:aws:s3:::cli-bucket/same.csv', Comparison: 'EQUALS' }],
      }),
    )) as { Findings: { Id: string; ProductArn: string }[] };

    // Assess
    expect(output.Findings.map((f) => f.Id)).toEqual(mine.map((f) => f.Id));
    expect(output.Findings[0]?.ProductArn).toBe('arn:aws:securityhub:us-east-1::product/aws/macie');
    expect(hub.requests().filter((r) => r.operation === 'GetFindings')).toHaveLength(2);
  });

  it('updates the workflow status, note and fields, and reports an unknown finding as unprocessed', async () => {
    // Prepare
    const [finding] = hub.all();
    if (!finding) throw new Error('no finding published');

    // Act
    const output = (await aws(
      'batch-update-findings',
      '--finding-identifiers',
      JSON.stringify([
        { Id: finding.Id, ProductArn: finding.ProductArn },
        { Id: 'missing', ProductArn: finding.ProductArn },
      ]),
      '--workflow',
      'Status=RESOLVED',
      '--note',
      'Text=quarantined,UpdatedBy=macie-remediate',
      '--user-defined-fields',
      'macieRemediateState=QUARANTINED',
    )) as { ProcessedFindings: unknown[]; UnprocessedFindings: { ErrorCode: string }[] };

    // Assess
    expect(output.ProcessedFindings).toEqual([{ Id: finding.Id, ProductArn: finding.ProductArn }]);
    expect(output.UnprocessedFindings).toMatchObject([{ ErrorCode: 'FindingNotFound' }]);
    expect(hub.all().find((f) => f.Id === finding.Id)).toMatchObject({
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'quarantined', UpdatedBy: 'macie-remediate' },
      UserDefinedFields: { macieRemediateState: 'QUARANTINED' },
    });
    expect(hub.requests().at(-1)).toMatchObject({ method: 'PATCH', path: '/findings/batchupdate', status: 200 });
  });

  it('reports a Security Hub error the way the CLI prints service errors', async () => {
    // Act
    const call = aws(
      'batch-update-findings',
      '--finding-identifiers',
      JSON.stringify([{ Id: 'x', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/macie' }]),
      '--workflow',
      'Status=DONE',
    );

    // Assess
    await expect(call).rejects.toMatchObject({
      stderr: expect.stringContaining(
        '(InvalidInputException) when calling the BatchUpdateFindings operation: Workflow.Status must be one of NEW, NOTIFIED, RESOLVED, SUPPRESSED.',
      ),
    });
  });
});
