import { Aws, CfnOutput, type Stack } from 'aws-cdk-lib';
import { STACK_OUTPUT_KEYS, type StackOutputKey } from '../core/config';
import { MEMBER_STACK_INPUTS } from './names';

const DESCRIPTIONS: Record<StackOutputKey, string> = {
  ApiUrl: 'Slack interactivity Request URL (POST)',
  QuarantineBucketName: 'Bucket that holds quarantined objects',
  LedgerTableName: 'DynamoDB audit ledger, keyed on findingId',
  AuditBucketName: 'Object Lock bucket archiving every ledger history event (audit --from-archive)',
  FindingHandlerFunctionName: 'Lambda that receives Macie findings from EventBridge',
  RemediationHandlerFunctionName: 'Lambda behind the Slack API',
  RemediatorFunctionName: 'Lambda that quarantines and restores objects',
  SecretArn: 'Secrets Manager secret with the Slack credentials (without the random suffix when referenced by name)',
  Region: 'Region of the stack',
};

/** One output per key the CLI reads back (core/config's STACK_OUTPUT_KEYS); `Region` is filled in here. */
function addStackOutputs(stack: Stack, values: Omit<Record<StackOutputKey, string>, 'Region'>): void {
  const all: Record<StackOutputKey, string> = { ...values, Region: Aws.REGION };
  for (const key of Object.values(STACK_OUTPUT_KEYS)) {
    new CfnOutput(stack, key, { value: all[key], description: DESCRIPTIONS[key] });
  }
}

/** The outputs a member stack is built from besides QuarantineBucketName (MEMBER_STACK_INPUTS). */
function addMemberStackInputs(
  stack: Stack,
  values: Pick<Record<keyof typeof MEMBER_STACK_INPUTS, string>, 'remediatorRoleArn' | 'quarantineKeyArn'>,
): void {
  new CfnOutput(stack, MEMBER_STACK_INPUTS.remediatorRoleArn, {
    value: values.remediatorRoleArn,
    description: 'Role the member roles trust (deploy --members)',
  });
  new CfnOutput(stack, MEMBER_STACK_INPUTS.quarantineKeyArn, {
    value: values.quarantineKeyArn,
    description: 'KMS key of the quarantine bucket, which member roles encrypt copies with',
  });
}

export { addMemberStackInputs, addStackOutputs };
