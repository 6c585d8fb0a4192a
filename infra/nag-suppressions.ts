import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ALL_ACCOUNTS } from '../core/policy/account-scope';
import { ALL_BUCKETS } from '../core/policy/source-scope';
import type { AuditArchive } from './AuditArchive';
import type { Functions } from './Functions';
import type { MacieFunction } from './MacieFunction';
import type { StackConfig } from './stack-config';

/** cdk-nag v3 reports under the plugin's namespace; an id without it would name an annotation instead. */
const NS = 'AwsSolutions::';

interface NagScopes {
  readonly config: StackConfig;
  readonly functions: Functions;
  readonly quarantineBucket: IConstruct;
  readonly failureQueue: IConstruct;
  readonly slackRoute: IConstruct;
}

function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${NS}${rule}`, reason });
}

/** How cdk-nag renders `Fn::GetAtt <resource>.Arn` inside a finding id. */
function arnToken(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnResource;
  return `<${Stack.of(resource).resolve(cfn.logicalId)}.Arn>`;
}

/** What every function of the stack shares: its runtime, and X-Ray's resource-less actions when tracing. */
function acknowledgeFunction(f: MacieFunction, tracing: boolean): void {
  acknowledge(
    f.fn,
    'AwsSolutions-L1',
    'nodejs22.x is a supported Lambda runtime (deprecation 2027-04-30) and the version the code is ' +
      'bundled for (esbuild target node22); the move to 24.x is a deliberate upgrade, not a silent one.',
  );
  if (tracing) {
    acknowledge(
      f.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    );
  }
}

/** The audit archiver: stream reading as Lambda's event source needs it, and writes under `audit/` only. */
function acknowledgeAuditNagFindings(audit: AuditArchive, tracing: boolean): void {
  acknowledgeFunction(audit.archiver, tracing);
  acknowledge(
    audit.archiver.role,
    'AwsSolutions-IAM5[Resource::*]',
    'dynamodb:ListStreams supports no resource-level permissions; the event source mapping needs it to find the ' +
      "ledger table's stream (read only).",
  );
  acknowledge(
    audit.archiver.role,
    `AwsSolutions-IAM5[Resource::${arnToken(audit.bucket)}/audit/*]`,
    'Each batch writes objects named by day and batch; PutObject only (no delete, no retention change), and ' +
      "Object Lock's default retention locks each object on write.",
  );
}

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, each on the narrowest construct and with
 * the reason it is acceptable. Anything not listed here fails the nag test.
 */
function acknowledgeNagFindings(scopes: NagScopes): void {
  const { config, functions } = scopes;
  const { findingHandler, remediationHandler, remediator, reconciler } = functions;

  for (const f of [findingHandler, remediationHandler, remediator, ...(reconciler ? [reconciler] : [])]) {
    acknowledgeFunction(f, config.tracing);
  }

  if (reconciler) {
    acknowledge(
      reconciler.role,
      'AwsSolutions-IAM5[Resource::*]',
      'macie2:ListFindings and macie2:GetFindings support no resource-level permissions (Service Authorization ' +
        'Reference); both are read only.',
    );
  }
  acknowledge(
    remediationHandler.role,
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:macie2:<AWS::Region>:<AWS::AccountId>:findings-filter/*]',
    'A findings filter has no id before "Dismiss and suppress similar" creates it; the grant is the account\'s ' +
      "findings filters in the stack's Region, to create and list them (no update or delete).",
  );

  const quarantineObjects = `AwsSolutions-IAM5[Resource::${arnToken(scopes.quarantineBucket)}/*]`;
  acknowledge(
    remediator.role,
    quarantineObjects,
    'Quarantined objects have keys chosen per finding; the remediator moves any object in its own quarantine bucket.',
  );
  const objectsReason =
    'Findings name arbitrary object keys, so object actions apply to every key of each source bucket (object actions only, no bucket configuration).';
  if (config.sourceBuckets.includes(ALL_BUCKETS)) {
    const accountWide =
      'sourceBuckets ["*"] chose every bucket of the account: Macie may report any of them. Limited by s3:ResourceAccount to this account';
    acknowledge(
      remediator.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*/*]',
      `${accountWide}; ${objectsReason}`,
    );
    acknowledge(
      remediator.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*]',
      `${accountWide}; ListBucket/ListBucketVersions only.`,
    );
  }
  for (const bucket of config.sourceBuckets.filter((name) => name !== ALL_BUCKETS)) {
    acknowledge(remediator.role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/*]`, objectsReason);
  }
  if (config.sourceKmsKeyArns.length === 0) {
    acknowledge(
      remediator.role,
      'AwsSolutions-IAM5[Resource::*]',
      'SSE-KMS source objects may use any key; without sourceKmsKeyArns, Decrypt/GenerateDataKey apply to any key ' +
        'but only via S3 in this region (kms:ViaService) and for this account (kms:CallerAccount).',
    );
  }

  if (config.memberAccounts.includes(ALL_ACCOUNTS)) {
    acknowledge(
      remediator.role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${config.memberRoleName}]`,
      'memberAccounts ["*"]: the member role of any account may be assumed, but only in the organization ' +
        '(aws:ResourceOrgID), which synthesis requires.',
    );
  }

  if (config.memberAccounts.length > 0) {
    const organization = config.organizationId ?? 'o-*';
    const accounts = config.memberAccounts.includes(ALL_ACCOUNTS) ? [ALL_ACCOUNTS] : config.memberAccounts;
    for (const account of accounts) {
      acknowledge(
        findingHandler.role,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::*:account/${organization}/${account}]`,
        "DescribeAccount (the member accounts' names in Slack) takes only account ARNs, which hold the organization's " +
          'management account, unknown to this stack; the organization and the accounts are named when known.',
      );
    }
  }

  acknowledge(
    scopes.failureQueue,
    'AwsSolutions-SQS3',
    'This queue is itself the dead-letter queue (EventBridge target DLQ and Lambda on-failure destination).',
  );
  acknowledge(
    scopes.slackRoute,
    'AwsSolutions-APIG4',
    'Slack cannot sign requests with IAM, Cognito or JWT; the handler authenticates every request by its Slack ' +
      'signature (HMAC-SHA256 with the signing secret) before reading it.',
  );
}

/** The member stack's findings: source objects and keys unknown at synthesis, as for the remediator. */
function acknowledgeMemberNagFindings(
  stack: Stack,
  config: Pick<StackConfig, 'sourceBuckets' | 'accountPolicies'>,
  quarantineBucketName: string,
): void {
  const objectsReason =
    'Findings name arbitrary object keys, so object actions apply to every key of each in-scope bucket of this ' +
    'account (object actions only, no bucket configuration).';
  acknowledge(
    stack,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${quarantineBucketName}/*]`,
    'Quarantined copies have keys chosen per finding; the member role copies into and reads back from the ' +
      "administrator's quarantine bucket only, whose policy admits exactly these calls.",
  );
  const buckets = new Set([
    ...config.sourceBuckets,
    ...Object.values(config.accountPolicies).flatMap((policy) => policy.sourceBuckets ?? []),
  ]);
  for (const bucket of buckets) {
    const scoped = bucket === ALL_BUCKETS ? ' Every bucket of this account only (s3:ResourceAccount).' : '';
    acknowledge(stack, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/*]`, objectsReason + scoped);
    if (bucket === ALL_BUCKETS)
      acknowledge(
        stack,
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*]',
        'sourceBuckets ["*"]: ListBucket/ListBucketVersions on every bucket of this account only (s3:ResourceAccount).',
      );
  }
  acknowledge(
    stack,
    'AwsSolutions-IAM5[Resource::*]',
    "SSE-KMS source objects may use any of this account's keys: Decrypt/GenerateDataKey apply to any key but " +
      'only via S3 in the Regions in scope (kms:ViaService) and for this account (kms:CallerAccount).',
  );
}

export type { NagScopes };
export { acknowledgeAuditNagFindings, acknowledgeMemberNagFindings, acknowledgeNagFindings };
