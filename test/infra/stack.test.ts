import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/app';
import type { MacieRemediateStack } from '../../infra/MacieRemediateStack';
import { KEY_DATA_ACTIONS, LOCKED_OBJECT_ACTIONS } from '../../infra/QuarantineBucket';
import {
  allowedActions,
  allStatements,
  asArray,
  cdkJsonContext,
  documentStatements,
  logicalId,
  type Resources,
  roleStatements,
  type Statement,
} from './support/template';

// One synthesis of the repository's cdk.json, with every source bucket chosen (the stock empty list is
// refused), for the whole file (synth is slow). Bundling is skipped here; secrets.test.ts runs the real CLI
// with real bundles and named source buckets.
let outdir: string;
let stack: MacieRemediateStack;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-stack-'));
  const created = createApp({
    context: { ...cdkJsonContext(), sourceBuckets: ['*'], 'aws:cdk:bundling-stacks': [] },
    outdir,
  });
  stack = created.stack;
  created.app.synth();
  template = Template.fromStack(stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ids = () => {
  const { functions, quarantine, ledger } = stack;
  // The stock cdk.json keeps the default schedule, so the reconciler is there.
  const reconciler = functions.reconciler as NonNullable<typeof functions.reconciler>;
  return {
    bucket: logicalId(quarantine.bucket),
    logBucket: logicalId(quarantine.logBucket),
    key: logicalId(quarantine.key),
    table: logicalId(ledger.table),
    remediatorRole: logicalId(functions.remediator.role),
    findingRole: logicalId(functions.findingHandler.role),
    remediationRole: logicalId(functions.remediationHandler.role),
    remediatorFn: logicalId(functions.remediator.fn),
    findingFn: logicalId(functions.findingHandler.fn),
    remediationFn: logicalId(functions.remediationHandler.fn),
    reconcilerRole: logicalId(reconciler.role),
    reconcilerFn: logicalId(reconciler.fn),
  };
};

const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });

describe('the quarantine bucket', () => {
  it('encrypts with its own customer-managed key, rotation on, bucket keys on', () => {
    const { bucket, key } = ids();
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(template.toJSON().Resources[bucket].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt(key) },
        },
      ],
    });
  });

  it('blocks public access, enforces bucket-owner ownership, versions, logs, and is retained', () => {
    const { bucket, logBucket } = ids();
    expect(template.toJSON().Resources[bucket]).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: logBucket } },
      },
    });
  });

  it('leaves Object Lock off by default: turning it on later would make CloudFormation replace the bucket', () => {
    const properties = template.toJSON().Resources[ids().bucket].Properties;
    expect(properties.ObjectLockEnabled).toBeUndefined();
  });

  it('has Object Lock on for legal holds when asked (quarantineObjectLock), with no default retention', () => {
    // Prepare
    const locked = createApp({
      context: { ...cdkJsonContext(), sourceBuckets: ['*'], quarantineObjectLock: true, 'aws:cdk:bundling-stacks': [] },
      outdir: mkdtempSync(path.join(tmpdir(), 'macie-remediate-locked-')),
    });

    // Act
    const properties = Template.fromStack(locked.stack).toJSON().Resources[logicalId(locked.stack.quarantine.bucket)]
      .Properties;

    // Assess
    expect(properties.ObjectLockEnabled).toBe(true);
    expect(properties.ObjectLockConfiguration).toBeUndefined();
    rmSync(locked.app.outdir, { recursive: true, force: true });
  });

  it('denies insecure transport', () => {
    const { bucket } = ids();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('denies object reads, writes and listings to everyone but the remediator role', () => {
    const { bucket, remediatorRole } = ids();
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy') as Resources).find(
      (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucket }),
    );
    const statements = documentStatements(policy);
    const lock = statements.find((s) => s.Sid === 'DenyObjectAccessExceptRemediator');
    expect(lock).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: [getAtt(bucket), { 'Fn::Join': ['', [getAtt(bucket), '/*']] }],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [getAtt(remediatorRole)] } },
    });
    const actions = asArray(lock?.Action as string[]);
    for (const action of [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:DeleteObject',
      's3:ListBucket',
      's3:PutObjectLegalHold',
      's3:GetObjectLegalHold',
    ]) {
      expect(actions).toContain(action);
    }
    expect(actions).toEqual(expect.arrayContaining(LOCKED_OBJECT_ACTIONS));
  });

  it('sends access logs to a locked-down, retained log bucket', () => {
    const { logBucket } = ids();
    expect(template.toJSON().Resources[logBucket]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      },
    });
  });
});

describe('the quarantine key', () => {
  const keyPolicy = (): Statement[] => template.toJSON().Resources[ids().key].Properties.KeyPolicy.Statement;
  /** Whether a policy's action pattern (`kms:GenerateDataKey*`) names `action`. */
  const names = (pattern: string, action: string) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(action);
  const denialsOf = (action: string) =>
    keyPolicy().filter((s) => s.Effect === 'Deny' && asArray(s.Action).some((pattern) => names(pattern, action)));

  it("denies every use of the key's material to every principal but the remediator role, whatever its IAM policies", () => {
    const deny = keyPolicy().find((s) => s.Sid === 'DenyKeyUseExceptRemediator');
    expect(deny).toEqual({
      Sid: 'DenyKeyUseExceptRemediator',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: KEY_DATA_ACTIONS,
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [getAtt(ids().remediatorRole)] } },
    });
    for (const action of [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:GenerateDataKeyPair',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
    ])
      expect(denialsOf(action)).toEqual([deny]);
  });

  it('stays manageable by the account root: the policy, deletion and the key state are never denied', () => {
    const administration = [
      'kms:CancelKeyDeletion',
      'kms:CreateGrant',
      'kms:DescribeKey',
      'kms:DisableKey',
      'kms:EnableKey',
      'kms:EnableKeyRotation',
      'kms:GetKeyPolicy',
      'kms:PutKeyPolicy',
      'kms:RevokeGrant',
      'kms:ScheduleKeyDeletion',
      'kms:TagResource',
    ];
    for (const action of administration) expect(denialsOf(action)).toEqual([]);
    expect(keyPolicy().find((s) => s.Sid === 'AccountManagesAndDelegatesKey')).toMatchObject({
      Effect: 'Allow',
      Principal: {
        AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
      },
      Action: expect.arrayContaining(administration),
      Resource: '*',
    });
  });

  it('is needed by nothing else the stack runs: only the quarantine bucket encrypts with it, only the remediator uses it', () => {
    const { key, bucket, remediatorFn, remediatorRole } = ids();
    const resources = template.toJSON().Resources as Resources;
    const remediatorPolicies = Object.entries(template.findResources('AWS::IAM::Policy') as Resources)
      .filter(([, p]) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: remediatorRole }]))
      .map(([id]) => id);
    const referring = Object.entries(resources)
      .filter(([id, resource]) => id !== key && JSON.stringify(resource).includes(`"${key}"`))
      .map(([id]) => id);
    // The bucket's default encryption, the remediator's grant and its setting variable (which key to seal with).
    expect(referring.sort()).toEqual([bucket, remediatorFn, ...remediatorPolicies].sort());
    const rolesUsingKms = Object.keys(template.findResources('AWS::IAM::Role')).filter((role) =>
      allowedActions(roleStatements(template, role)).some((action) => action.startsWith('kms:')),
    );
    expect(rolesUsingKms).toEqual([remediatorRole]);
    // The audit archive and the access logs: SSE-S3.
    const otherBuckets = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::S3::Bucket' && id !== bucket);
    expect(otherBuckets).toHaveLength(2);
    for (const [, other] of otherBuckets)
      expect(other.Properties?.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
  });
});

describe('the ledger table', () => {
  it('is keyed on findingId alone, on demand, with PITR and encryption, and retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: 'findingId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'findingId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('the functions', () => {
  it('run nodejs22.x on arm64 with their own log group and retention', () => {
    // The four of the finding's path, and the audit archiver.
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 6);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('reserve concurrency for the remediator only', () => {
    const { remediatorFn, findingFn, remediationFn } = ids();
    const resources = template.toJSON().Resources;
    expect(resources[remediatorFn].Properties.ReservedConcurrentExecutions).toBe(10);
    expect(resources[findingFn].Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(resources[remediationFn].Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('send failed asynchronous invocations to an encrypted, SSL-only queue after retries', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(1);
    const [queue] = queues;
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const { remediatorFn, findingFn } = ids();
    for (const fn of [remediatorFn, findingFn]) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fn },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: getAtt(queue as string) } },
      });
    }
  });

  it('get the public setting variables, names only, no secret', () => {
    const resources = template.toJSON().Resources;
    const { remediatorFn, findingFn, remediationFn } = ids();
    const env = (id: string): Record<string, unknown> => resources[id].Properties.Environment.Variables;
    const common = [
      'LOG_LEVEL',
      'MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG',
      'MACIE_REMEDIATE_LEDGER_TABLE',
      'MACIE_REMEDIATE_MIN_SEVERITY',
      'MACIE_REMEDIATE_QUARANTINE_BUCKET',
      'MACIE_REMEDIATE_RESTORE_APPROVALS',
      'MACIE_REMEDIATE_SECRET_ID',
      'MACIE_REMEDIATE_SECURITY_HUB',
      'MACIE_REMEDIATE_SLACK_APPROVERS',
      'MACIE_REMEDIATE_SOURCE_BUCKETS',
    ];
    expect(Object.keys(env(remediatorFn))).toEqual(
      expect.arrayContaining([...common, 'MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID']),
    );
    expect(Object.keys(env(findingFn))).toEqual(
      expect.arrayContaining([...common, 'MACIE_REMEDIATE_REMEDIATOR_FUNCTION']),
    );
    expect(Object.keys(env(remediationFn))).toEqual(
      expect.arrayContaining([...common, 'MACIE_REMEDIATE_REMEDIATOR_FUNCTION']),
    );
    expect(env(remediatorFn).MACIE_REMEDIATE_REMEDIATOR_FUNCTION).toBeUndefined();
    for (const id of [remediatorFn, findingFn, remediationFn]) {
      const variables = env(id);
      expect(variables.MACIE_REMEDIATE_SECRET_ID).toBe('macie-remediate/slack');
      expect(JSON.parse(variables.MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG as string)).toEqual(
        cdkJsonContext().autoRemediateConfig,
      );
      expect(Object.keys(variables).filter((name) => /SIGNING|TOKEN|WEBHOOK|PASSWORD/i.test(name))).toEqual([]);
    }
  });
});

describe('the EventBridge rule', () => {
  it('matches Macie sensitive-data findings and retries into the DLQ', () => {
    const { findingFn } = ids();
    const [queue] = Object.keys(template.findResources('AWS::SQS::Queue'));
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.macie'],
        'detail-type': ['Macie Finding'],
        detail: { type: [{ prefix: 'SensitiveData' }] },
      },
      Targets: [
        Match.objectLike({
          Arn: getAtt(findingFn),
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: getAtt(queue as string) },
        }),
      ],
    });
  });
});

describe('the reconciliation schedule', () => {
  it('starts the reconciler hourly by default, without EventBridge retries (the next run resumes)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: getAtt(ids().reconcilerFn), RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    const reconciler = template.toJSON().Resources[ids().reconcilerFn].Properties;
    expect(reconciler.Timeout).toBe(900);
    expect(reconciler.Environment.Variables.MACIE_REMEDIATE_REMEDIATOR_FUNCTION).toEqual({ Ref: ids().remediatorFn });
  });
});

describe('the Slack API', () => {
  it('is an HTTP API with one POST route to the remediation handler', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /slack/actions' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: getAtt(ids().remediationFn),
    });
  });

  it('throttles and writes access logs without headers or bodies', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage') as Resources);
    const format = (stage?.Properties?.AccessLogSettings as { Format?: string } | undefined)?.Format;
    expect(format).toEqual(expect.any(String));
    expect(format).not.toMatch(/header|body|requestOverride/i);
  });
});

describe('permissions', () => {
  const statementsOf = (role: string) => roleStatements(template, role);

  it('allow no wildcard action anywhere in the template', () => {
    const allows = allStatements(template).filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(10);
    const wildcards = allows.flatMap((s) => asArray(s.Action)).filter((a) => a === '*' || a.endsWith(':*'));
    expect(wildcards).toEqual([]);
  });

  it('let no role delete from the ledger table (DeleteItem, or BatchWriteItem, which deletes too)', () => {
    const deletes = allStatements(template)
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => asArray(s.Action))
      .filter((a) => ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteTable'].includes(a));
    expect(deletes).toEqual([]);
  });

  it('use no managed policies', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role') as Resources)) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('let the finding handler log, use the ledger, read the secret, invoke the remediator and park failures', () => {
    expect(allowedActions(statementsOf(ids().findingRole))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:GetSecretValue',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('let the remediation handler do what the finding handler does, Macie not included but its findings filters (a suppression), update Security Hub (a dismissal), and not park failures (it is synchronous)', () => {
    expect(allowedActions(statementsOf(ids().remediationRole))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'macie2:CreateFindingsFilter',
      'macie2:ListFindingsFilters',
      'macie2:TagResource',
      'secretsmanager:GetSecretValue',
      'securityhub:BatchUpdateFindings',
      'securityhub:GetFindings',
    ]);
  });

  it('let the remediator move, seal and tag objects, use the keys and the ledger, read the secret and update Security Hub', () => {
    expect(allowedActions(statementsOf(ids().remediatorRole))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:DeleteObjectTagging',
      's3:DeleteObjectVersion',
      's3:DeleteObjectVersionTagging',
      's3:GetObject',
      's3:GetObjectLegalHold',
      's3:GetObjectTagging',
      's3:GetObjectVersion',
      's3:GetObjectVersionTagging',
      's3:ListBucket',
      's3:ListBucketVersions',
      's3:PutObject',
      's3:PutObjectLegalHold',
      's3:PutObjectTagging',
      's3:PutObjectVersionTagging',
      'secretsmanager:GetSecretValue',
      'securityhub:BatchUpdateFindings',
      'securityhub:GetFindings',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it("let the remediator put legal holds on the quarantine bucket's objects only", () => {
    const { bucket } = ids();
    const holds = statementsOf(ids().remediatorRole).filter((s) =>
      asArray(s.Action as string | string[]).some((action) => action.includes('LegalHold')),
    );
    expect(holds).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObjectLegalHold', 's3:PutObjectLegalHold'],
        Resource: { 'Fn::Join': ['', [getAtt(bucket), '/*']] },
      }),
    ]);
  });

  it('let the remediator seal a source object in place and tag it (or take the tag off), version by version', () => {
    const { bucket, key } = ids();
    const remediator = statementsOf(ids().remediatorRole);
    // SEAL: a CopyObject of a version onto its own key, with its tags, under the quarantine key, read back after.
    expect(remediator.find((s) => s.Sid === 'SourceObjects')?.Action).toEqual(
      expect.arrayContaining([
        's3:GetObjectVersion',
        's3:GetObjectVersionTagging',
        's3:PutObject',
        's3:PutObjectTagging',
      ]),
    );
    expect(remediator.find((s) => s.Sid === 'QuarantineKey')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: getAtt(key),
    });
    // TAG, an exemption and their undoing.
    const tagging = [
      's3:DeleteObjectTagging',
      's3:DeleteObjectVersionTagging',
      's3:GetObjectTagging',
      's3:GetObjectVersionTagging',
      's3:PutObjectTagging',
      's3:PutObjectVersionTagging',
    ];
    expect(remediator.find((s) => s.Sid === 'SourceObjects')?.Action).toEqual(expect.arrayContaining(tagging));
    // The quarantine copies get their tags with the copy: no tagging after it there.
    const quarantine = remediator.find((s) => s.Sid === 'QuarantineObjects');
    expect(quarantine?.Resource).toEqual({ 'Fn::Join': ['', [getAtt(bucket), '/*']] });
    for (const action of ['s3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:PutObjectVersionTagging'])
      expect(asArray(quarantine?.Action as string[])).not.toContain(action);
  });

  it("scope the Security Hub grant to the account's hub in the stack's Region", () => {
    for (const role of [ids().remediationRole, ids().remediatorRole, ids().reconcilerRole]) {
      const hub = statementsOf(role).find((s) => s.Sid === 'SecurityHubFindingUpdates');
      expect(JSON.stringify(hub?.Resource)).toMatch(/arn:.*:securityhub:.*AWS::Region.*AWS::AccountId.*:hub\/default/);
    }
  });

  it('let the reconciler read Macie findings, use, scan and batch-read the ledger, read the secret and invoke the remediator', () => {
    expect(allowedActions(statementsOf(ids().reconcilerRole))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'macie2:GetFindings',
      'macie2:ListFindings',
      'secretsmanager:GetSecretValue',
      'securityhub:BatchUpdateFindings',
      'securityhub:GetFindings',
    ]);
    const statements = statementsOf(ids().reconcilerRole);
    expect(statements.find((s) => s.Sid === 'InvokeRemediator')?.Resource).toEqual(getAtt(ids().remediatorFn));
    expect(statements.find((s) => s.Sid === 'LedgerBulkRead')?.Resource).toEqual(getAtt(ids().table));
    expect(statements.find((s) => s.Sid === 'LedgerReadWrite')?.Resource).toEqual(getAtt(ids().table));
    expect(statements.find((s) => s.Sid === 'ReadMacieFindings')?.Resource).toBe('*');
  });

  it("let only the click handler create and list Macie findings filters, in the stack's account and Region", () => {
    const { findingRole, remediationRole, remediatorRole } = ids();
    const suppressions = statementsOf(remediationRole).find((s) => s.Sid === 'MacieSuppressions');
    expect(suppressions?.Action).toEqual([
      'macie2:CreateFindingsFilter',
      'macie2:ListFindingsFilters',
      'macie2:TagResource',
    ]);
    expect(JSON.stringify(suppressions?.Resource)).toMatch(
      /arn:.*:macie2:.*AWS::Region.*AWS::AccountId.*:findings-filter\/\*/,
    );
    for (const role of [findingRole, remediatorRole]) {
      expect(statementsOf(role).find((s) => s.Sid === 'MacieSuppressions')).toBeUndefined();
    }
  });

  it('scope each grant to its resource', () => {
    const { findingRole, remediationRole, remediatorRole, remediatorFn, table, key, bucket } = ids();
    for (const role of [findingRole, remediationRole]) {
      const invoke = statementsOf(role).find((s) => s.Sid === 'InvokeRemediator');
      expect(invoke?.Resource).toEqual(getAtt(remediatorFn));
    }
    for (const role of [findingRole, remediationRole, remediatorRole]) {
      const statements = statementsOf(role);
      expect(statements.find((s) => s.Sid === 'LedgerReadWrite')?.Resource).toEqual(getAtt(table));
      expect(JSON.stringify(statements.find((s) => s.Sid === 'ReadSlackSecret')?.Resource)).toMatch(
        /:secret:macie-remediate\/slack-\?\?\?\?\?\?"/,
      );
    }
    const remediator = statementsOf(remediatorRole);
    expect(remediator.find((s) => s.Sid === 'QuarantineKey')?.Resource).toEqual(getAtt(key));
    expect(remediator.find((s) => s.Sid === 'QuarantineBucket')?.Resource).toEqual(getAtt(bucket));
  });

  it('reach every bucket of the account, and any key only through S3, with sourceBuckets ["*"]', () => {
    const remediator = statementsOf(ids().remediatorRole);
    const objects = remediator.find((s) => s.Sid === 'SourceObjects');
    expect(JSON.stringify(objects?.Resource)).toContain(':s3:::*/*');
    expect(objects?.Condition).toEqual({ StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } });
    const keys = remediator.find((s) => s.Sid === 'SourceObjectKeys');
    expect(keys?.Resource).toBe('*');
    expect(keys?.Condition?.StringEquals).toMatchObject({
      'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    });
  });
});

describe('permissions with named source buckets and no sourceKmsKeyArns', () => {
  it('reach those buckets only, and any key only through S3 in this account', () => {
    // Prepare
    const context = { ...cdkJsonContext(), sourceBuckets: ['finance-data'], 'aws:cdk:bundling-stacks': [] };
    const namedOutdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-named-'));
    const named = createApp({ context, outdir: namedOutdir, nag: false });

    // Act
    const statements = roleStatements(
      Template.fromStack(named.stack),
      logicalId(named.stack.functions.remediator.role),
    );
    rmSync(namedOutdir, { recursive: true, force: true });

    // Assess
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid);
    expect(JSON.stringify(bySid('SourceObjects')?.Resource)).toMatch(/:s3:::finance-data\/\*"\]\]\}$/);
    expect(JSON.stringify(bySid('SourceBuckets')?.Resource)).toMatch(/:s3:::finance-data"\]\]\}$/);
    expect(bySid('SourceObjects')?.Condition).toBeUndefined();
    expect(JSON.stringify(statements)).not.toContain(':s3:::*');
    expect(bySid('SourceObjectKeys')).toMatchObject({
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          'kms:CallerAccount': { Ref: 'AWS::AccountId' },
        },
      },
    });
  });
});

describe('secrets', () => {
  it('are referenced by name, never created or passed as parameters', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(Object.keys(template.toJSON().Parameters ?? {})).toEqual(['BootstrapVersion']);
  });
});

describe('the stack', () => {
  it('needs no account or region at synthesis', () => {
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
  });

  it('outputs what the CLI and deploy --members read', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(
      [
        'ApiUrl',
        'AuditBucketName',
        'FindingHandlerFunctionName',
        'LedgerTableName',
        'QuarantineBucketName',
        'QuarantineKeyArn',
        'Region',
        'RemediationHandlerFunctionName',
        'RemediatorFunctionName',
        'RemediatorRoleArn',
        'SecretArn',
      ].sort(),
    );
    const { bucket, table, remediatorFn } = ids();
    template.hasOutput('QuarantineBucketName', { Value: { Ref: bucket } });
    template.hasOutput('LedgerTableName', { Value: { Ref: table } });
    template.hasOutput('RemediatorFunctionName', { Value: { Ref: remediatorFn } });
    template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
    template.hasOutput('RemediatorRoleArn', { Value: { 'Fn::GetAtt': [ids().remediatorRole, 'Arn'] } });
    template.hasOutput('QuarantineKeyArn', { Value: { 'Fn::GetAtt': [ids().key, 'Arn'] } });
    template.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', [Match.anyValue(), '/slack/actions']] } });
  });
});

describe('cdk-nag AwsSolutions', () => {
  interface Report {
    pluginReports: {
      pluginName: string;
      conclusion: string;
      violations: unknown[];
      suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[];
    }[];
  }
  const report = (): Report => JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));

  it('has no unacknowledged finding', () => {
    const nag = report().pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(nag?.violations).toEqual([]);
    expect(nag?.conclusion).toBe('success');
  });

  it('gives every acknowledgment a written reason', () => {
    const nag = report().pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    const suppressed = nag?.suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const s of suppressed) expect(s.reason.trim().length).toBeGreaterThan(40);
    expect(suppressed.map((s) => s.ruleName.replace(/\[.*$/, '')).sort()).toEqual(
      expect.arrayContaining(['AwsSolutions-APIG4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-SQS3']),
    );
  });
});
