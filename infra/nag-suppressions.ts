import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ALL_BUCKETS } from '../core/policy/source-scope';
import type { Functions } from './Functions';
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

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, each on the narrowest construct and with
 * the reason it is acceptable. Anything not listed here fails the nag test.
 */
function acknowledgeNagFindings(scopes: NagScopes): void {
  const { config, functions } = scopes;
  const { findingHandler, remediationHandler, remediator } = functions;

  for (const f of [findingHandler, remediationHandler, remediator]) {
    acknowledge(
      f.fn,
      'AwsSolutions-L1',
      'nodejs22.x is a supported Lambda runtime (deprecation 2027-04-30) and the version the code is ' +
        'bundled for (esbuild target node22); the move to 24.x is a deliberate upgrade, not a silent one.',
    );
    if (config.tracing) {
      acknowledge(
        f.role,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
      );
    }
  }

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

export type { NagScopes };
export { acknowledgeNagFindings };
