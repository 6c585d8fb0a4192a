import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AuditRetentionMode } from '../core/types/settings';
import { lockGovernanceToDeployment } from './deployment-only';
import { MacieFunction } from './MacieFunction';

interface AuditArchiveProps {
  /** The ledger table, with its stream on. */
  readonly ledger: ITable;
  readonly retentionDays: number;
  readonly retentionMode: AuditRetentionMode;
  /** Where the stream's batches land that every retry failed to archive. */
  readonly failureQueue: IQueue;
  readonly logBucket: Bucket;
  readonly logRetentionDays: number;
  readonly tracing: boolean;
}

/**
 * Every ledger history event, also written through the table's stream to an Object Lock bucket: the copy of
 * the audit trail nobody can edit or delete before its retention ends (COMPLIANCE: not even the root user).
 */
class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly archiver: MacieFunction;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const retention = Duration.days(props.retentionDays);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3: the archive holds who did what, not the sensitive objects; no key to lose or pay for.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        props.retentionMode === 'COMPLIANCE'
          ? ObjectLockRetention.compliance(retention)
          : ObjectLockRetention.governance(retention),
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'audit/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    lockGovernanceToDeployment(this.bucket);

    this.archiver = new MacieFunction(this, 'Archiver', {
      entry: 'lambda/audit-archiver.ts',
      description: 'macie-remediate: archives every new ledger history event to the Object Lock audit bucket',
      timeout: Duration.seconds(60),
      memorySize: 256,
      environment: { MACIE_REMEDIATE_AUDIT_BUCKET: this.bucket.bucketName },
      logRetentionDays: props.logRetentionDays,
      tracing: props.tracing,
    });
    // Write only: no delete, no retention change, no governance bypass.
    this.archiver.role.addToPolicy(
      new PolicyStatement({
        sid: 'WriteAuditArchive',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('audit/*')],
      }),
    );
    this.archiver.fn.addEventSource(
      new DynamoEventSource(props.ledger, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // A failing batch is split to isolate the record, retried a bounded number of times, then parked in the
        // failure queue: a bad record never blocks the shard until the stream's 24 hours expire.
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(12),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.failureQueue),
      }),
    );
  }
}

export type { AuditArchiveProps };
export { AuditArchive };
