import { randomBytes } from 'node:crypto';
import type { SeverityDescription } from '../../core/types';

const SCORES: Readonly<Record<SeverityDescription, 1 | 2 | 3>> = { Low: 1, Medium: 2, High: 3 };

const DEFAULT_ACCOUNT = '111122223333';
const DEFAULT_REGION = 'us-east-1';

/** A fresh finding id: 32 lower-case hex characters like Macie's. */
const newFindingId = (): string => randomBytes(16).toString('hex');

const isoOf = (value: Date | string | undefined, fallback: Date): string =>
  value === undefined ? fallback.toISOString() : new Date(value).toISOString();

interface BaseInput {
  readonly id: string;
  readonly accountId: string;
  readonly region: string;
  readonly type: string;
  readonly category: 'CLASSIFICATION' | 'POLICY';
  readonly title: string;
  readonly description: string;
  readonly severity: SeverityDescription;
  readonly createdAt: string;
  readonly count: number;
  readonly sample: boolean;
  readonly archived: boolean;
}

/** The top-level members every finding has, in Macie's order. */
function findingBase(input: BaseInput) {
  return {
    schemaVersion: '1.0',
    id: input.id,
    accountId: input.accountId,
    partition: 'aws',
    region: input.region,
    type: input.type,
    title: input.title,
    description: input.description,
    severity: { score: SCORES[input.severity], description: input.severity },
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    count: input.count,
    category: input.category,
    sample: input.sample,
    archived: input.archived,
  };
}

/** `resourcesAffected.s3Bucket` for a private, encrypted bucket owned by the account. */
function s3BucketJson(bucket: string, accountId: string, tags: readonly { key: string; value: string }[] = []) {
  const blockAll = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  };
  return {
    arn: `arn:aws:s3:::${bucket}`,
    name: bucket,
    createdAt: '2024-01-15T10:00:00.000Z',
    owner: { displayName: `account-${accountId}`, id: randomBytes(32).toString('hex') },
    tags,
    defaultServerSideEncryption: { encryptionType: 'AES256', kmsMasterKeyId: null },
    allowsUnencryptedObjectUploads: 'FALSE',
    publicAccess: {
      effectivePermission: 'NOT_PUBLIC',
      permissionConfiguration: {
        accountLevelPermissions: { blockPublicAccess: blockAll },
        bucketLevelPermissions: {
          accessControlList: { allowsPublicReadAccess: false, allowsPublicWriteAccess: false },
          blockPublicAccess: blockAll,
          bucketPolicy: { allowsPublicReadAccess: false, allowsPublicWriteAccess: false },
        },
      },
    },
  };
}

export { DEFAULT_ACCOUNT, DEFAULT_REGION, findingBase, isoOf, newFindingId, s3BucketJson };
