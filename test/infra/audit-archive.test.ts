import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/app';
import type { MacieRemediateStack } from '../../infra/MacieRemediateStack';
import {
  allowedActions,
  cdkJsonContext,
  documentStatements,
  logicalId,
  type Resources,
  roleStatements,
} from './support/template';

// One synthesis (slow), bundling skipped, with the retention chosen in context as a user would.
let outdir: string;
let stack: MacieRemediateStack;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-audit-'));
  const created = createApp({
    context: {
      ...cdkJsonContext(),
      sourceBuckets: ['*'],
      auditRetentionDays: 2555,
      auditRetentionMode: 'COMPLIANCE',
      'aws:cdk:bundling-stacks': [],
    },
    outdir,
  });
  stack = created.stack;
  created.app.synth();
  template = Template.fromStack(stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const bucketPolicyOf = (bucketId: string) =>
  documentStatements(
    Object.values(template.findResources('AWS::S3::BucketPolicy') as Resources).find(
      (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }),
    ),
  );

describe('the governance of the evidence buckets', () => {
  it.each([
    ['quarantine', () => stack.quarantine.bucket],
    ['audit', () => stack.audit.bucket],
  ])(
    'the %s bucket refuses versioning, lifecycle, policy and Object Lock changes to all but the deployment role',
    (_, bucket) => {
      const id = logicalId(bucket());
      const deny = bucketPolicyOf(id).find((s) => s.Sid === 'DenyGovernanceChangesExceptDeployment');
      expect(deny).toMatchObject({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: { 'Fn::GetAtt': [id, 'Arn'] },
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': {
              'Fn::Sub': DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN.replace(
                /\$\{Qualifier\}/,
                'hnb659fds',
              ),
            },
          },
        },
      });
      expect([...((deny?.Action ?? []) as string[])].sort()).toEqual([
        's3:DeleteBucketPolicy',
        's3:PutBucketObjectLockConfiguration',
        's3:PutBucketPolicy',
        's3:PutBucketVersioning',
        's3:PutLifecycleConfiguration',
      ]);
    },
  );
});

describe('the audit archive', () => {
  it('streams the ledger table with old and new images', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('locks every object of a versioned, private, TLS-only, encrypted and retained bucket for the retention set', () => {
    const bucket = logicalId(stack.audit.bucket);
    expect(template.toJSON().Resources[bucket]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
    });
    expect(bucketPolicyOf(bucket)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('feeds the archiver from the stream with bisection, bounded retries, batch item failures and a failure destination', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.audit.archiver.fn) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.ledger.table), 'StreamArn'] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: Match.anyValue(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('lets the archiver put objects into the audit bucket and nothing else there: no delete, no retention bypass', () => {
    const statements = roleStatements(template, logicalId(stack.audit.archiver.role));
    const actions = allowedActions(statements);
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(actions).not.toContain('s3:BypassGovernanceRetention');
    expect(actions.some((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a))).toBe(false);
  });
});
