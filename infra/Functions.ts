import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MacieFunction } from './MacieFunction';
import {
  invokeFunction,
  ledgerAccess,
  ledgerBulkRead,
  macieFindingsRead,
  remediatorKms,
  remediatorS3,
  secretRead,
  securityHubUpdate,
  suppressionCreate,
} from './permissions';
import type { QuarantineBucket } from './QuarantineBucket';
import type { SlackSecretRef } from './slack-secret';
import type { StackConfig } from './stack-config';

interface FunctionsProps {
  readonly config: StackConfig;
  readonly ledger: ITable;
  readonly quarantine: QuarantineBucket;
  readonly failureQueue: IQueue;
  readonly secret: SlackSecretRef;
}

/** The policies as cdk.json spells them (`minSeverityLevel`), so the Lambdas read them with the same rules. */
function accountPoliciesAsCdkJson(policies: StackConfig['accountPolicies']) {
  return Object.fromEntries(
    Object.entries(policies).map(([account, { minSeverity, ...rest }]) => [
      account,
      { ...rest, ...(minSeverity ? { minSeverityLevel: minSeverity } : {}) },
    ]),
  );
}

/** The public setting variables (README settings table): names and policy, never a secret value. */
function settingsEnvironment(config: StackConfig, quarantine: QuarantineBucket, ledger: ITable) {
  const env: Record<string, string> = {
    MACIE_REMEDIATE_QUARANTINE_BUCKET: quarantine.bucket.bucketName,
    MACIE_REMEDIATE_LEDGER_TABLE: ledger.tableName,
    MACIE_REMEDIATE_SECRET_ID: config.secretId,
    MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: JSON.stringify(config.autoRemediateConfig),
    MACIE_REMEDIATE_REMEDIATION_ACTIONS: JSON.stringify(config.remediationActions),
    MACIE_REMEDIATE_EXEMPT_TAG: config.exemptTag,
    MACIE_REMEDIATE_EXEMPT_PREFIXES: JSON.stringify(config.exemptPrefixes),
    MACIE_REMEDIATE_MIN_SEVERITY: config.minSeverity,
    MACIE_REMEDIATE_SLACK_APPROVERS: [...config.slackApprovers, ...config.slackApproverGroups].join(','),
    MACIE_REMEDIATE_SOURCE_BUCKETS: config.sourceBuckets.join(','),
    MACIE_REMEDIATE_SECURITY_HUB: String(config.securityHub),
    // `none`, not '': an empty variable means "not set", which would bring back the default.
    MACIE_REMEDIATE_REASON_REQUIRED: config.reasonRequired.join(',') || 'none',
    // The click handler and the remediator both apply the approval rule.
    MACIE_REMEDIATE_RESTORE_APPROVALS: String(config.restoreApprovals),
    // Saves every cold start a GetCallerIdentity: the account whose objects need no member role.
    MACIE_REMEDIATE_ACCOUNT_ID: Aws.ACCOUNT_ID,
    // lambda/runtime/lambda-logger.ts: DEBUG shows every step.
    LOG_LEVEL: 'INFO',
  };
  if (config.slackChannel) env.MACIE_REMEDIATE_SLACK_CHANNEL = config.slackChannel;
  if (config.slackTeamId) env.MACIE_REMEDIATE_SLACK_TEAM_ID = config.slackTeamId;
  if (config.memberAccounts.length > 0) {
    env.MACIE_REMEDIATE_MEMBER_ACCOUNTS = config.memberAccounts.join(',');
    env.MACIE_REMEDIATE_MEMBER_ROLE_NAME = config.memberRoleName;
  }
  if (config.organizationId) env.MACIE_REMEDIATE_ORGANIZATION_ID = config.organizationId;
  if (Object.keys(config.accountPolicies).length > 0)
    env.MACIE_REMEDIATE_ACCOUNT_POLICIES = JSON.stringify(accountPoliciesAsCdkJson(config.accountPolicies));
  return env;
}

/** The functions and their least-privilege roles. */
class Functions extends Construct {
  readonly findingHandler: MacieFunction;
  readonly remediationHandler: MacieFunction;
  readonly remediator: MacieFunction;
  /** Absent when `reconcileSchedule` is `""`. */
  readonly reconciler?: MacieFunction;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { config, ledger, quarantine, failureQueue, secret } = props;
    const stack = Stack.of(this);
    const settings = settingsEnvironment(config, quarantine, ledger);
    const common = { logRetentionDays: config.logRetentionDays, tracing: config.tracing };

    this.remediator = new MacieFunction(this, 'Remediator', {
      ...common,
      entry: 'lambda/remediator.ts',
      description: 'macie-remediate: moves an object to quarantine, or restores it',
      // Copies of objects above 5 GB go part by part; give them the longest time Lambda allows.
      timeout: Duration.minutes(15),
      memorySize: 512,
      environment: { ...settings, MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID: quarantine.key.keyArn },
      failureQueue,
      // A burst of findings must not take the account's whole concurrency.
      reservedConcurrentExecutions: config.remediatorConcurrency,
    });
    const invokers = { ...settings, MACIE_REMEDIATE_REMEDIATOR_FUNCTION: this.remediator.fn.functionName };

    this.findingHandler = new MacieFunction(this, 'FindingHandler', {
      ...common,
      entry: 'lambda/finding-handler.ts',
      description: 'macie-remediate: decides on a Macie finding, asks Slack or starts the remediator',
      timeout: Duration.seconds(60),
      memorySize: 256,
      environment: invokers,
      failureQueue,
    });

    this.remediationHandler = new MacieFunction(this, 'RemediationHandler', {
      ...common,
      entry: 'lambda/remediation-handler.ts',
      description: 'macie-remediate: Slack interactivity (Remediate, Dismiss, Restore buttons)',
      // Slack gives up after 3 s; the handler only verifies, records and hands off.
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: invokers,
    });

    if (config.reconcileSchedule !== '') {
      this.reconciler = new MacieFunction(this, 'Reconciler', {
        ...common,
        entry: 'lambda/reconciler.ts',
        description: 'macie-remediate: catches up on missed Macie findings and owed Slack messages, on a schedule',
        // The run stops taking work two minutes before this and the next run resumes: longer only means fewer runs.
        timeout: Duration.minutes(15),
        memorySize: 256,
        environment: invokers,
      });
      this.reconciler.role.addToPolicy(ledgerBulkRead(ledger.tableArn));
      this.reconciler.role.addToPolicy(macieFindingsRead());
    }
    const reconciler = this.reconciler ? [this.reconciler] : [];

    // Beyond the minimum: the finding handler dedupes redelivered events in the ledger and
    // records the Slack message; the remediator updates that message, so it reads the secret too.
    for (const f of [this.findingHandler, this.remediationHandler, this.remediator, ...reconciler]) {
      f.role.addToPolicy(ledgerAccess(ledger.tableArn));
      f.role.addToPolicy(secretRead(secret.policyArn));
    }
    for (const f of [this.findingHandler, this.remediationHandler, ...reconciler]) {
      f.role.addToPolicy(invokeFunction(this.remediator.fn.functionArn));
    }
    // Those that decide what Security Hub shows (a dismissal, a job's outcome) and the reconciler, which delivers owed updates.
    if (config.securityHub) {
      for (const f of [this.remediationHandler, this.remediator, ...reconciler])
        f.role.addToPolicy(securityHubUpdate(stack));
    }
    this.remediationHandler.role.addToPolicy(suppressionCreate(stack));
    const bucket = quarantine.bucket;
    const s3 = remediatorS3(stack, config.sourceBuckets, {
      bucketArn: bucket.bucketArn,
      objectsArn: bucket.arnForObjects('*'),
    });
    for (const statement of [...s3, ...remediatorKms(stack, quarantine.key.keyArn, config.sourceKmsKeyArns)]) {
      this.remediator.role.addToPolicy(statement);
    }
  }
}

export type { FunctionsProps };
export { Functions };
