import { Aws, type Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ALL_BUCKETS } from '../core/policy/source-scope';

/**
 * Exactly what DynamoDbLedger sends from a Lambda: conditional Put/Update (begin, transition, claims and
 * their release) and Get. No DeleteItem: no door deletes from the ledger, so none can delete a finding's
 * history. No Scan: listing the ledger is the CLI's job, with the operator's own credentials.
 */
const LEDGER_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * Quarantine reads the source object (and its version and tags) and deletes it, version included, after
 * the copy is verified. Restore writes it back, hence Put and AbortMultipartUpload (large objects are
 * copied in parts). HeadObject is covered by GetObject.
 */
const MOVE_OBJECT_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:GetObject',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionTagging',
  's3:PutObject',
  's3:PutObjectTagging',
];
/**
 * Source objects are also sealed in place (a CopyObject onto their own key, which the move's actions cover)
 * and tagged: TAG and an exemption put a classification tag on the version the finding names, and its
 * restore takes it off (the Version variants are what S3 checks when a VersionId is given).
 */
const SOURCE_OBJECT_ACTIONS = [
  ...MOVE_OBJECT_ACTIONS,
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersionTagging',
  's3:PutObjectVersionTagging',
].sort();
/** The quarantine copy is written with its tags, read back to verify, and read and deleted again on restore. */
const QUARANTINE_OBJECT_ACTIONS = MOVE_OBJECT_ACTIONS;
/** `hold` / `release`: the remediator puts a legal hold on, or off, every version of a finding's copies. */
const LEGAL_HOLD_ACTIONS = ['s3:GetObjectLegalHold', 's3:PutObjectLegalHold'];
/** Without ListBucket a missing object is a 403, not a 404; ListBucketVersions finds the versions to remove. */
const BUCKET_LIST_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions'];
/**
 * Writing under a key (a quarantine copy, a seal in place, a restore or unseal under the object's own key) needs
 * GenerateDataKey, and a multipart copy Decrypt too; reading back needs Decrypt.
 */
const KMS_OBJECT_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

function ledgerAccess(tableArn: string): PolicyStatement {
  return new PolicyStatement({ sid: 'LedgerReadWrite', actions: LEDGER_ACTIONS, resources: [tableArn] });
}

/**
 * The reconciler's walk over the records that may owe a message or a job (a filtered Scan), and its read of a
 * page of findings' restores at once (BatchGetItem): read only.
 */
function ledgerBulkRead(tableArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'LedgerBulkRead',
    actions: ['dynamodb:BatchGetItem', 'dynamodb:Scan'],
    resources: [tableArn],
  });
}

/** Macie's ListFindings and GetFindings support no resource-level permissions: `*`, read only. */
function macieFindingsRead(): PolicyStatement {
  return new PolicyStatement({
    sid: 'ReadMacieFindings',
    actions: ['macie2:GetFindings', 'macie2:ListFindings'],
    resources: ['*'],
  });
}

/** Read only: the value, not the metadata or versions. */
function secretRead(policyArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'ReadSlackSecret',
    actions: ['secretsmanager:GetSecretValue'],
    resources: [policyArn],
  });
}

/** The function's own ARN only, not `:*` (its versions and aliases). */
function invokeFunction(functionArn: string): PolicyStatement {
  return new PolicyStatement({ sid: 'InvokeRemediator', actions: ['lambda:InvokeFunction'], resources: [functionArn] });
}

/**
 * The Security Hub side of a decision: read back Macie's finding (GetFindings) and show the decision on it
 * (BatchUpdateFindings), on the account's hub in the stack's Region only.
 */
function securityHubUpdate(stack: Stack): PolicyStatement {
  return new PolicyStatement({
    sid: 'SecurityHubFindingUpdates',
    actions: ['securityhub:BatchUpdateFindings', 'securityhub:GetFindings'],
    resources: [stack.formatArn({ service: 'securityhub', resource: 'hub', resourceName: 'default' })],
  });
}

/**
 * "Dismiss and suppress similar": find this tool's findings filter by name, or create it with its tags, on
 * the account's findings filters in the stack's Region only.
 */
function suppressionCreate(stack: Stack): PolicyStatement {
  return new PolicyStatement({
    sid: 'MacieSuppressions',
    actions: ['macie2:CreateFindingsFilter', 'macie2:ListFindingsFilters', 'macie2:TagResource'],
    resources: [stack.formatArn({ service: 'macie2', resource: 'findings-filter', resourceName: '*' })],
  });
}

/**
 * Object and listing access to the source buckets: the named ones only, or with `["*"]` every bucket of the
 * stack's account (`s3:ResourceAccount`), still with object actions only.
 */
function sourceBucketAccess(stack: Stack, sourceBuckets: readonly string[]): PolicyStatement[] {
  const bucketArn = (name: string) => stack.formatArn({ service: 's3', region: '', account: '', resource: name });
  const accountWide = sourceBuckets.includes(ALL_BUCKETS);
  const scope = accountWide ? { StringEquals: { 's3:ResourceAccount': Aws.ACCOUNT_ID } } : undefined;
  const sourceBucketArns = accountWide ? [bucketArn('*')] : sourceBuckets.map(bucketArn);
  return [
    new PolicyStatement({
      sid: 'SourceObjects',
      actions: SOURCE_OBJECT_ACTIONS,
      resources: sourceBucketArns.map((arn) => `${arn}/*`),
      conditions: scope,
    }),
    new PolicyStatement({
      sid: 'SourceBuckets',
      actions: BUCKET_LIST_ACTIONS,
      resources: sourceBucketArns,
      conditions: scope,
    }),
  ];
}

/** S3 access for the remediator: its source buckets and its quarantine bucket. */
function remediatorS3(
  stack: Stack,
  sourceBuckets: readonly string[],
  quarantine: { bucketArn: string; objectsArn: string },
): PolicyStatement[] {
  return [
    ...sourceBucketAccess(stack, sourceBuckets),
    new PolicyStatement({
      sid: 'QuarantineObjects',
      actions: QUARANTINE_OBJECT_ACTIONS,
      resources: [quarantine.objectsArn],
    }),
    new PolicyStatement({
      sid: 'QuarantineLegalHolds',
      actions: LEGAL_HOLD_ACTIONS,
      resources: [quarantine.objectsArn],
    }),
    new PolicyStatement({ sid: 'QuarantineBucket', actions: BUCKET_LIST_ACTIONS, resources: [quarantine.bucketArn] }),
  ];
}

/**
 * SSE-KMS source objects may use any key of the account; without a list of them, any key, but only when S3
 * in one of `regions` calls KMS on the role's behalf, for the role's own account.
 */
function sourceKeyAccess(regions: readonly string[], sourceKmsKeyArns: readonly string[] = []): PolicyStatement {
  const viaS3 = regions.map((region) => `s3.${region}.amazonaws.com`);
  return new PolicyStatement({
    sid: 'SourceObjectKeys',
    actions: KMS_OBJECT_ACTIONS,
    resources: sourceKmsKeyArns.length > 0 ? [...sourceKmsKeyArns] : ['*'],
    conditions: {
      StringEquals: { 'kms:ViaService': viaS3.length === 1 ? viaS3[0] : viaS3, 'kms:CallerAccount': Aws.ACCOUNT_ID },
    },
  });
}

/**
 * KMS for the remediator: the quarantine key, and the keys of SSE-KMS source objects. Those are
 * unknown when none are configured, so any key then, but only when S3 calls KMS on the role's behalf.
 */
function remediatorKms(stack: Stack, quarantineKeyArn: string, sourceKmsKeyArns: readonly string[]): PolicyStatement[] {
  return [
    new PolicyStatement({ sid: 'QuarantineKey', actions: KMS_OBJECT_ACTIONS, resources: [quarantineKeyArn] }),
    sourceKeyAccess([stack.region], sourceKmsKeyArns),
  ];
}

export {
  BUCKET_LIST_ACTIONS,
  invokeFunction,
  KMS_OBJECT_ACTIONS,
  LEDGER_ACTIONS,
  ledgerAccess,
  ledgerBulkRead,
  macieFindingsRead,
  QUARANTINE_OBJECT_ACTIONS,
  remediatorKms,
  remediatorS3,
  SOURCE_OBJECT_ACTIONS,
  secretRead,
  securityHubUpdate,
  sourceBucketAccess,
  sourceKeyAccess,
  suppressionCreate,
};
