import type { SettingSpec } from './resolve-setting';
import { STACK_OUTPUT_KEYS } from './stack-outputs';

/** The original solution kept these secrets in cdk.json (and so in the template): still read, never written. */
const LEGACY_SECRET_KEYS = { webhookUrl: 'slackWebHookUrl', signingSecret: 'slackSigningSecret' } as const;

const spec = <N extends string>(name: N, rest: Omit<SettingSpec, 'name'>): SettingSpec & { readonly name: N } => ({
  name,
  ...rest,
});

/** Where each setting comes from: the README's settings table, as data. */
const SETTING_SPECS = {
  autoRemediateConfig: spec('autoRemediateConfig', {
    label: 'action per finding type',
    flag: 'auto',
    env: 'MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG',
    cdk: 'autoRemediateConfig',
  }),
  remediationActions: spec('remediationActions', {
    label: 'remediation action per finding type',
    env: 'MACIE_REMEDIATE_REMEDIATION_ACTIONS',
    cdk: 'remediationActions',
  }),
  exemptTag: spec('exemptTag', { label: 'exemption tag', env: 'MACIE_REMEDIATE_EXEMPT_TAG', cdk: 'exemptTag' }),
  exemptPrefixes: spec('exemptPrefixes', {
    label: 'exempt prefixes',
    env: 'MACIE_REMEDIATE_EXEMPT_PREFIXES',
    cdk: 'exemptPrefixes',
  }),
  minSeverity: spec('minSeverity', {
    label: 'minimum severity',
    flag: 'minSeverity',
    env: 'MACIE_REMEDIATE_MIN_SEVERITY',
    cdk: 'minSeverityLevel',
  }),
  slackChannel: spec('slackChannel', {
    label: 'Slack channel',
    flag: 'slackChannel',
    env: 'MACIE_REMEDIATE_SLACK_CHANNEL',
    cdk: 'slackChannel',
  }),
  slackTeamId: spec('slackTeamId', {
    label: 'Slack team id',
    flag: 'slackTeamId',
    env: 'MACIE_REMEDIATE_SLACK_TEAM_ID',
    cdk: 'slackTeamId',
  }),
  slackApprovers: spec('slackApprovers', {
    label: 'approver',
    flag: 'approver',
    env: 'MACIE_REMEDIATE_SLACK_APPROVERS',
    cdk: 'slackApprovers',
  }),
  sourceBuckets: spec('sourceBuckets', {
    label: 'source bucket',
    flag: 'sourceBucket',
    env: 'MACIE_REMEDIATE_SOURCE_BUCKETS',
    cdk: 'sourceBuckets',
  }),
  memberAccounts: spec('memberAccounts', {
    label: 'member account',
    env: 'MACIE_REMEDIATE_MEMBER_ACCOUNTS',
    cdk: 'memberAccounts',
  }),
  memberRoleName: spec('memberRoleName', {
    label: 'member role name',
    flag: 'memberRoleName',
    env: 'MACIE_REMEDIATE_MEMBER_ROLE_NAME',
    cdk: 'memberRoleName',
  }),
  // The env variable carries cdk.json's object to the stack's Lambdas (as JSON); users set it in cdk.json.
  accountPolicies: spec('accountPolicies', {
    label: 'account policies',
    env: 'MACIE_REMEDIATE_ACCOUNT_POLICIES',
    cdk: 'accountPolicies',
  }),
  // Set by the stack on its Lambdas (the stack's account); not a user setting.
  accountId: spec('accountId', { label: 'account id', env: 'MACIE_REMEDIATE_ACCOUNT_ID' }),
  organizationId: spec('organizationId', {
    label: 'organization id',
    env: 'MACIE_REMEDIATE_ORGANIZATION_ID',
    cdk: 'organizationId',
  }),
  operatorPrincipals: spec('operatorPrincipals', { label: 'operator principal', cdk: 'operatorPrincipals' }),
  forwardRegions: spec('forwardRegions', { label: 'forwarded Region', cdk: 'forwardRegions' }),
  securityHub: spec('securityHub', {
    label: 'Security Hub sync',
    env: 'MACIE_REMEDIATE_SECURITY_HUB',
    cdk: 'securityHub',
  }),
  restoreApprovals: spec('restoreApprovals', {
    label: 'restore approvals',
    env: 'MACIE_REMEDIATE_RESTORE_APPROVALS',
    cdk: 'restoreApprovals',
  }),
  // cdk.json only: the stack's schedule rule, fixed at synth.
  reconcileSchedule: spec('reconcileSchedule', { label: 'reconciliation schedule', cdk: 'reconcileSchedule' }),
  // cdk.json only: the audit bucket's Object Lock default retention, fixed at synth.
  auditRetentionDays: spec('auditRetentionDays', { label: 'audit retention days', cdk: 'auditRetentionDays' }),
  auditRetentionMode: spec('auditRetentionMode', { label: 'audit retention mode', cdk: 'auditRetentionMode' }),
  reasonRequired: spec('reasonRequired', {
    label: 'actions that need a reason',
    env: 'MACIE_REMEDIATE_REASON_REQUIRED',
    cdk: 'reasonRequired',
  }),
  stackName: spec('stackName', { label: 'stack name', flag: 'stack', env: 'MACIE_REMEDIATE_STACK', cdk: 'stackName' }),
  quarantineBucket: spec('quarantineBucket', {
    label: 'quarantine bucket',
    flag: 'quarantineBucket',
    env: 'MACIE_REMEDIATE_QUARANTINE_BUCKET',
    stack: STACK_OUTPUT_KEYS.quarantineBucket,
  }),
  ledgerTable: spec('ledgerTable', {
    label: 'ledger table',
    flag: 'ledgerTable',
    env: 'MACIE_REMEDIATE_LEDGER_TABLE',
    stack: STACK_OUTPUT_KEYS.ledgerTable,
  }),
  // Set by the stack on the remediator; elsewhere (the local stack, a CLI running jobs itself) by hand. Not a
  // stack output: a deployed stack's jobs run in the remediator, and its key admits no one else.
  quarantineKeyId: spec('quarantineKeyId', {
    label: 'quarantine KMS key',
    env: 'MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID',
  }),
  auditBucket: spec('auditBucket', {
    label: 'audit bucket',
    env: 'MACIE_REMEDIATE_AUDIT_BUCKET',
    stack: STACK_OUTPUT_KEYS.auditBucket,
  }),
  // cdk.json `secretId` (beyond the public settings table): `init` names the secret there, so synth finds it.
  secretId: spec('secretId', {
    label: 'secret id',
    flag: 'secretId',
    env: 'MACIE_REMEDIATE_SECRET_ID',
    cdk: 'secretId',
    stack: STACK_OUTPUT_KEYS.secretArn,
  }),
  remediatorFunction: spec('remediatorFunction', {
    label: 'remediator function',
    env: 'MACIE_REMEDIATE_REMEDIATOR_FUNCTION',
    stack: STACK_OUTPUT_KEYS.remediatorFunction,
  }),
  signingSecret: spec('slack.signingSecret', {
    label: 'Slack signing secret',
    env: 'SLACK_SIGNING_SECRET',
    secret: 'signingSecret',
    cdk: LEGACY_SECRET_KEYS.signingSecret,
    sensitive: true,
  }),
  botToken: spec('slack.botToken', {
    label: 'Slack bot token',
    env: 'SLACK_BOT_TOKEN',
    secret: 'botToken',
    sensitive: true,
  }),
  webhookUrl: spec('slack.webhookUrl', {
    label: 'Slack webhook URL',
    env: 'SLACK_WEBHOOK_URL',
    secret: 'webhookUrl',
    cdk: LEGACY_SECRET_KEYS.webhookUrl,
    sensitive: true,
  }),
  slackApiUrl: spec('slackApiUrl', { label: 'Slack API URL', env: 'SLACK_API_URL' }),
  // Not from the stack's Region output: reading outputs needs a region already, and the profile's region
  // (resolved by the SDK) must not be overridden by it.
  region: spec('region', { label: 'region', flag: 'region', env: 'AWS_REGION' }),
  profile: spec('profile', { label: 'profile', flag: 'profile', env: 'AWS_PROFILE' }),
  endpointUrl: spec('endpointUrl', { label: 'endpoint URL', flag: 'endpointUrl' }),
} as const;

export { LEGACY_SECRET_KEYS, SETTING_SPECS };
