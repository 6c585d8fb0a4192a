import type { MacieFindingJson } from '../macie/types';
import { type AsffFinding, macieProductArn } from './asff';

/**
 * How the stand-in publishes a Macie finding to Security Hub. No ASFF Id format is documented for Macie:
 * the stand-in uses the Macie finding id and also names it in ProductFields; macie-remediate reads both back
 * with GetFindings and never composes them. The resources are the bucket and the object, as ARNs.
 */
function asffForMacie(finding: MacieFindingJson, now: Date): AsffFinding {
  const region = finding.region ?? 'us-east-1';
  const account = finding.accountId ?? '';
  const bucket = finding.resourcesAffected?.s3Bucket?.name ?? '';
  const key = finding.resourcesAffected?.s3Object?.key ?? '';
  const productArn = macieProductArn(region);
  const at = now.toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: finding.id,
    ProductArn: productArn,
    ProductName: 'Macie',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: 'aws/macie',
    AwsAccountId: account,
    Types: [`Sensitive Data Identifications/${finding.type ?? ''}`],
    CreatedAt: finding.createdAt ?? at,
    UpdatedAt: finding.updatedAt ?? at,
    Severity: { Label: (finding.severity?.description ?? 'LOW').toUpperCase() },
    Title: finding.title ?? '',
    Description: finding.description ?? '',
    ProductFields: {
      'aws/securityhub/FindingId': `${productArn}/${finding.id}`,
      'aws/securityhub/ProductName': 'Macie',
      'aws/securityhub/CompanyName': 'Amazon',
    },
    Resources: [
      { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Region: region },
      { Type: 'AwsS3Object', Id: `arn:aws:s3:::${bucket}/${key}`, Region: region },
    ],
    Workflow: { Status: 'NEW' },
    WorkflowState: 'NEW',
    RecordState: 'ACTIVE',
  };
}

export { asffForMacie };
