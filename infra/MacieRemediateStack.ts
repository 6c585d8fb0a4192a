import { Annotations, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AuditArchive } from './AuditArchive';
import { FailureQueue } from './FailureQueue';
import { FindingRule } from './FindingRule';
import { Functions } from './Functions';
import { LedgerTable } from './LedgerTable';
import { legacySecretWarning } from './legacy-secrets';
import { MemberRoles } from './member-access';
import { acknowledgeAuditNagFindings, acknowledgeNagFindings } from './nag-suppressions';
import { addMemberStackInputs, addStackOutputs } from './outputs';
import { QuarantineBucket } from './QuarantineBucket';
import { addReconcileSchedule } from './reconcile-schedule';
import { SlackApi } from './SlackApi';
import { referenceSlackSecret } from './slack-secret';
import type { StackConfig } from './stack-config';

interface MacieRemediateStackProps extends StackProps {
  readonly config: StackConfig;
  /** Names of plaintext-secret keys found in cdk.json: warned about, never read. */
  readonly legacySecretKeys?: readonly string[];
}

/** Everything macie-remediate runs on in AWS. Environment-agnostic: synthesis needs no account lookup. */
class MacieRemediateStack extends Stack {
  readonly quarantine: QuarantineBucket;
  readonly ledger: LedgerTable;
  readonly functions: Functions;
  readonly api: SlackApi;
  readonly audit: AuditArchive;

  constructor(scope: Construct, id: string, props: MacieRemediateStackProps) {
    super(scope, id, props);
    const { config } = props;
    for (const key of props.legacySecretKeys ?? []) {
      Annotations.of(this).addWarningV2(
        'macie-remediate:plaintext-secret-in-context',
        legacySecretWarning(key, config.secretId),
      );
    }

    const secret = referenceSlackSecret(this, config.secretId);
    this.ledger = new LedgerTable(this, 'Ledger');
    this.quarantine = new QuarantineBucket(this, 'Quarantine', {
      breakGlassRoleArn: config.breakGlassRoleArn,
      objectLock: config.quarantineObjectLock,
    });
    const failures = new FailureQueue(this, 'Failures');
    this.functions = new Functions(this, 'Functions', {
      config,
      ledger: this.ledger.table,
      quarantine: this.quarantine,
      failureQueue: failures.queue,
      secret,
    });
    this.audit = new AuditArchive(this, 'Audit', {
      ledger: this.ledger.table,
      retentionDays: config.auditRetentionDays,
      retentionMode: config.auditRetentionMode,
      failureQueue: failures.queue,
      logBucket: this.quarantine.logBucket,
      logRetentionDays: config.logRetentionDays,
      tracing: config.tracing,
    });
    const members = MemberRoles.of(config);
    this.quarantine.lockTo([this.functions.remediator.role.roleArn], members);
    if (members) {
      this.functions.remediator.role.addToPolicy(members.assumeStatement());
      this.functions.findingHandler.role.addToPolicy(members.describeAccountsStatement());
    }
    new FindingRule(this, 'Findings', { handler: this.functions.findingHandler.fn, deadLetterQueue: failures.queue });
    if (this.functions.reconciler) addReconcileSchedule(this, this.functions.reconciler.fn, config.reconcileSchedule);
    this.api = new SlackApi(this, 'Slack', {
      handler: this.functions.remediationHandler.fn,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      logRetentionDays: config.logRetentionDays,
    });

    addStackOutputs(this, {
      ApiUrl: this.api.actionsUrl,
      QuarantineBucketName: this.quarantine.bucket.bucketName,
      LedgerTableName: this.ledger.table.tableName,
      AuditBucketName: this.audit.bucket.bucketName,
      FindingHandlerFunctionName: this.functions.findingHandler.fn.functionName,
      RemediationHandlerFunctionName: this.functions.remediationHandler.fn.functionName,
      RemediatorFunctionName: this.functions.remediator.fn.functionName,
      SecretArn: secret.arn,
    });
    addMemberStackInputs(this, {
      remediatorRoleArn: this.functions.remediator.role.roleArn,
      quarantineKeyArn: this.quarantine.key.keyArn,
    });
    acknowledgeNagFindings({
      config,
      functions: this.functions,
      quarantineBucket: this.quarantine.bucket,
      failureQueue: failures.queue,
      slackRoute: this.api.route,
    });
    acknowledgeAuditNagFindings(this.audit, config.tracing);
  }
}

export type { MacieRemediateStackProps };
export { MacieRemediateStack };
