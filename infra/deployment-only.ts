import { DefaultStackSynthesizer, Fn, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';

/** What makes a bucket evidence: turning these off or rewriting them would let its contents go unnoticed. */
const BUCKET_GOVERNANCE_ACTIONS = [
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
];

/**
 * The role CloudFormation deploys the stack with (cdk bootstrap's `cfn-exec-role`), as the stack's
 * synthesizer names it; only it may change the bucket's governance, so a deploy can still update the stack.
 */
function deploymentRoleArn(stack: Stack): string {
  const synthesizer = stack.synthesizer;
  const arn =
    synthesizer instanceof DefaultStackSynthesizer
      ? synthesizer.cloudFormationExecutionRoleArn
      : DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN;
  // The synthesizer's ARN keeps CloudFormation's ${AWS::…} placeholders: Fn::Sub fills them in.
  return Fn.sub(arn);
}

/**
 * Denies versioning, lifecycle, policy and Object Lock changes on `bucket` to every principal but the stack's
 * deployment role. The account's root user keeps S3's own way back (it may always delete a bucket policy).
 */
function lockGovernanceToDeployment(bucket: Bucket): void {
  bucket.addToResourcePolicy(
    new PolicyStatement({
      sid: 'DenyGovernanceChangesExceptDeployment',
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: BUCKET_GOVERNANCE_ACTIONS,
      resources: [bucket.bucketArn],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': deploymentRoleArn(Stack.of(bucket)) } },
    }),
  );
}

export { BUCKET_GOVERNANCE_ACTIONS, lockGovernanceToDeployment };
