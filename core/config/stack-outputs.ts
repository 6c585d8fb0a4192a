/**
 * The infra stack's output keys: infra/ emits exactly these, and the CLI reads them back into
 * `loadSettings({ stackOutputs })`.
 */
const STACK_OUTPUT_KEYS = {
  apiUrl: 'ApiUrl',
  quarantineBucket: 'QuarantineBucketName',
  ledgerTable: 'LedgerTableName',
  auditBucket: 'AuditBucketName',
  findingHandlerFunction: 'FindingHandlerFunctionName',
  remediationHandlerFunction: 'RemediationHandlerFunctionName',
  remediatorFunction: 'RemediatorFunctionName',
  secretArn: 'SecretArn',
  region: 'Region',
} as const;

type StackOutputKey = (typeof STACK_OUTPUT_KEYS)[keyof typeof STACK_OUTPUT_KEYS];

export type { StackOutputKey };
export { STACK_OUTPUT_KEYS };
