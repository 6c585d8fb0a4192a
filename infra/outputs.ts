import { Aws, CfnOutput, type Stack } from 'aws-cdk-lib';

/** The stack outputs the CLI reads after deploy; the keys are a contract, keep them stable. */
const OUTPUT_KEYS = [
  'ApiUrl',
  'QuarantineBucketName',
  'LedgerTableName',
  'FindingHandlerFunctionName',
  'RemediationHandlerFunctionName',
  'RemediatorFunctionName',
  'SecretArn',
  'Region',
] as const;

type OutputKey = (typeof OUTPUT_KEYS)[number];

const DESCRIPTIONS: Record<OutputKey, string> = {
  ApiUrl: 'Slack interactivity Request URL (POST)',
  QuarantineBucketName: 'Bucket that holds quarantined objects',
  LedgerTableName: 'DynamoDB audit ledger, keyed on findingId',
  FindingHandlerFunctionName: 'Lambda that receives Macie findings from EventBridge',
  RemediationHandlerFunctionName: 'Lambda behind the Slack API',
  RemediatorFunctionName: 'Lambda that quarantines and restores objects',
  SecretArn: 'Secrets Manager secret with the Slack credentials (ARN without the random suffix)',
  Region: 'Region of the stack',
};

/** Adds one output per key; `Region` is filled in here. */
function addStackOutputs(stack: Stack, values: Omit<Record<OutputKey, string>, 'Region'>): void {
  const all: Record<OutputKey, string> = { ...values, Region: Aws.REGION };
  for (const key of OUTPUT_KEYS) {
    new CfnOutput(stack, key, { value: all[key], description: DESCRIPTIONS[key] });
  }
}

export type { OutputKey };
export { addStackOutputs, OUTPUT_KEYS };
