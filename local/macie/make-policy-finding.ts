import type { SeverityDescription } from '../../core/types';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, findingBase, isoOf, newFindingId, s3BucketJson } from './finding-base';
import type { MacieFindingJson } from './types';

/** The policy finding types (category POLICY); they name a bucket, never an object. */
const POLICY_TYPES = [
  'Policy:IAMUser/S3BlockPublicAccessDisabled',
  'Policy:IAMUser/S3BucketEncryptionDisabled',
  'Policy:IAMUser/S3BucketPublic',
  'Policy:IAMUser/S3BucketReplicatedExternally',
  'Policy:IAMUser/S3BucketSharedExternally',
  'Policy:IAMUser/S3BucketSharedWithCloudFront',
] as const;

type PolicyType = (typeof POLICY_TYPES)[number];

const POLICY_TEXTS: Readonly<Record<PolicyType, readonly [string, SeverityDescription, string]>> = {
  'Policy:IAMUser/S3BlockPublicAccessDisabled': [
    'Block Public Access settings are disabled for the S3 bucket.',
    'Medium',
    'PutBucketPublicAccessBlock',
  ],
  'Policy:IAMUser/S3BucketEncryptionDisabled': [
    'Default encryption is disabled for the S3 bucket.',
    'Low',
    'DeleteBucketEncryption',
  ],
  'Policy:IAMUser/S3BucketPublic': ['The S3 bucket is publicly accessible.', 'High', 'PutBucketPolicy'],
  'Policy:IAMUser/S3BucketReplicatedExternally': [
    'The S3 bucket is replicated to an external AWS account.',
    'High',
    'PutBucketReplication',
  ],
  'Policy:IAMUser/S3BucketSharedExternally': [
    'The S3 bucket is shared with an external AWS account.',
    'High',
    'PutBucketPolicy',
  ],
  'Policy:IAMUser/S3BucketSharedWithCloudFront': [
    'The S3 bucket is shared with a CloudFront distribution.',
    'Low',
    'PutBucketPolicy',
  ],
};

interface MakePolicyFindingInput {
  readonly bucket: string;
  readonly type: PolicyType;
  readonly accountId?: string;
  readonly region?: string;
  readonly createdAt?: Date | string;
  readonly id?: string;
  readonly sample?: boolean;
}

/** A policy finding for a bucket (no s3Object, no classificationDetails), as Macie publishes it. */
function makePolicyFinding(input: MakePolicyFindingInput): MacieFindingJson {
  const accountId = input.accountId ?? DEFAULT_ACCOUNT;
  const createdAt = isoOf(input.createdAt, new Date());
  const [title, severity, api] = POLICY_TEXTS[input.type];
  return {
    ...findingBase({
      id: input.id ?? newFindingId(),
      accountId,
      region: input.region ?? DEFAULT_REGION,
      type: input.type,
      category: 'POLICY',
      title,
      description: `${title} The change was made by an IAM user through the S3 API (${api}).`,
      severity,
      createdAt,
      count: 1,
      sample: input.sample ?? false,
      archived: false,
    }),
    resourcesAffected: { s3Bucket: s3BucketJson(input.bucket, accountId) },
    classificationDetails: null,
    policyDetails: {
      action: {
        actionType: 'AWS_API_CALL',
        apiCallDetails: { api, apiServiceName: 's3.amazonaws.com', firstSeen: createdAt, lastSeen: createdAt },
      },
      actor: {
        domainDetails: null,
        ipAddressDetails: {
          ipAddressV4: '198.51.100.7',
          ipCity: { name: 'Seattle' },
          ipCountry: { code: 'US', name: 'United States' },
          ipGeoLocation: { lat: 47.6062, lon: -122.3321 },
          ipOwner: { asn: '16509', asnOrg: 'AMAZON-02', isp: 'Amazon.com', org: 'Amazon.com' },
        },
        userIdentity: {
          type: 'IAMUser',
          iamUser: {
            accountId,
            arn: `arn:aws:iam::${accountId}:user/ops-admin`,
            principalId: 'AIDAEXAMPLEPRINCIPAL',
            userName: 'ops-admin',
          },
        },
      },
    },
  };
}

export type { MakePolicyFindingInput, PolicyType };
export { makePolicyFinding, POLICY_TYPES };
