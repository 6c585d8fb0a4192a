import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lockGovernanceToDeployment } from './deployment-only';
import { MEMBER_QUARANTINE_ACTIONS, MEMBER_QUARANTINE_KEY_ACTIONS, type MemberRoles } from './member-access';

/**
 * Key administration and use, delegated to the account's IAM policies; use is then denied to all but the
 * remediator's principals (KEY_DATA_ACTIONS), administration never. Spelled out instead of `kms:*` so that
 * no policy in the stack grants a wildcard action; PutKeyPolicy keeps the account root able to change this
 * policy later, so the key never becomes unmanageable.
 */
const KEY_ACCOUNT_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
];

/**
 * Every use of the key's material, denied with wildcards on purpose: a Deny should also cover the data-key
 * variants (pairs, without plaintext) and any KMS adds under these names. Administration is not in it.
 */
const KEY_DATA_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

type Conditions = Record<string, Record<string, unknown>>;

/** True for every principal except `allowed` and, when given, the member roles (matched as the bucket admits them). */
function principalOutside(allowed: readonly string[], members?: MemberRoles): Conditions {
  const exceptAllowed = { ArnNotEquals: { 'aws:PrincipalArn': [...allowed] } };
  if (!members) return exceptAllowed;
  return members.orgWide
    ? { ...exceptAllowed, ArnNotLike: { 'aws:PrincipalArn': members.roleArns } }
    : { ArnNotEquals: { 'aws:PrincipalArn': [...allowed, ...members.roleArns] } };
}

/** Every object read/write/list action the lock denies to principals other than the allowed roles. */
const LOCKED_OBJECT_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersion',
  's3:DeleteObjectVersionTagging',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:GetObjectAttributes',
  's3:GetObjectLegalHold',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionAcl',
  's3:GetObjectVersionAttributes',
  's3:GetObjectVersionTagging',
  's3:ListMultipartUploadParts',
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectLegalHold',
  's3:PutObjectTagging',
  's3:PutObjectVersionAcl',
  's3:PutObjectVersionTagging',
  's3:ReplicateObject',
  's3:RestoreObject',
];
/** Listing reveals the quarantined keys, which may themselves be sensitive. */
const LOCKED_BUCKET_ACTIONS = ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions'];

interface QuarantineBucketProps {
  /** An operator role that may read and write quarantined objects in an emergency. */
  readonly breakGlassRoleArn?: string;
  /** Object Lock, for legal holds (infra/stack-config.ts says why it is off unless asked for). */
  readonly objectLock: boolean;
}

/**
 * The quarantine bucket, its customer-managed key and its access-log bucket. Everything here is
 * retained when the stack is destroyed: quarantined data is evidence, and the key decrypts it.
 */
class QuarantineBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly logBucket: Bucket;
  private readonly breakGlassRoleArn?: string;

  constructor(scope: Construct, id: string, props: QuarantineBucketProps) {
    super(scope, id);
    this.breakGlassRoleArn = props.breakGlassRoleArn;

    this.key = new Key(this, 'Key', {
      description: 'macie-remediate: encrypts quarantined objects',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AccountManagesAndDelegatesKey',
            principals: [new AccountRootPrincipal()],
            actions: KEY_ACCOUNT_ACTIONS,
            resources: ['*'],
          }),
        ],
      }),
    });

    // Server access logs cannot be written to an SSE-KMS bucket, so this one uses SSE-S3.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket instead of per object: fewer KMS calls, lower cost.
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // For legal holds (`hold`) only: no default retention, so nothing is locked until someone holds it. Absent
      // rather than false when off, so the template of a stack deployed before it existed is unchanged.
      objectLockEnabled: props.objectLock || undefined,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'quarantine/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    lockGovernanceToDeployment(this.bucket);
  }

  /**
   * Denies object reads, writes and listings, and any use of the key, to every principal except `roleArns` and
   * the break-glass role. A Deny beats any Allow, so an admin policy elsewhere in the account can neither read
   * the evidence nor decrypt an object sealed in place in a source bucket (readers get AccessDenied). With
   * member roles, they are let past the lock for their copy-in and restore calls and their use of the key
   * through S3 only, and admitted for exactly those (no Allow: another account needs one in the resource
   * policy, besides its own).
   */
  lockTo(roleArns: readonly string[], members?: MemberRoles): void {
    const allowed = this.breakGlassRoleArn ? [...roleArns, this.breakGlassRoleArn] : [...roleArns];
    const exceptAllowed = principalOutside(allowed);
    const objects = this.bucket.arnForObjects('*');
    const locked = [...LOCKED_OBJECT_ACTIONS, ...LOCKED_BUCKET_ACTIONS];
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyObjectAccessExceptRemediator',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: members ? locked.filter((action) => !MEMBER_QUARANTINE_ACTIONS.includes(action)) : locked,
        resources: [this.bucket.bucketArn, objects],
        conditions: exceptAllowed,
      }),
    );
    this.denyKeyUse('DenyKeyUseExceptRemediator', principalOutside(allowed, members));
    if (!members) return;
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyMemberActionsExceptRemediatorAndMembers',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: MEMBER_QUARANTINE_ACTIONS,
        resources: [objects],
        conditions: principalOutside(allowed, members),
      }),
    );
    // A role of this account that merely carries the member role's name stays locked out.
    const ownAccountButAllowed = { ...exceptAllowed, StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } };
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyMemberActionsToOwnAccountRoles',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: MEMBER_QUARANTINE_ACTIONS,
        resources: [objects],
        conditions: ownAccountButAllowed,
      }),
    );
    // Its IAM policies could otherwise use the key through the account's delegation.
    this.denyKeyUse('DenyKeyUseToOwnAccountRoles', ownAccountButAllowed);
    const admission = members.admission();
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AdmitMemberRoles',
        principals: admission.principals,
        actions: MEMBER_QUARANTINE_ACTIONS,
        resources: [objects],
        conditions: admission.conditions,
      }),
    );
    // Only through S3 in this Region, where the copies are written, objects sealed, and both read: their only
    // Allow, so a member role calling KMS itself is refused without a Deny of its own.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'MemberRolesUseKeyThroughS3',
        principals: admission.principals,
        actions: MEMBER_QUARANTINE_KEY_ACTIONS,
        resources: ['*'],
        conditions: {
          ...admission.conditions,
          StringEquals: {
            ...admission.conditions.StringEquals,
            'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com`,
          },
        },
      }),
    );
  }

  private denyKeyUse(sid: string, conditions: Conditions): void {
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid,
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: KEY_DATA_ACTIONS,
        resources: ['*'],
        conditions,
      }),
    );
  }
}

export type { QuarantineBucketProps };
export { KEY_ACCOUNT_ACTIONS, KEY_DATA_ACTIONS, LOCKED_BUCKET_ACTIONS, LOCKED_OBJECT_ACTIONS, QuarantineBucket };
