import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * The audit ledger: one item per finding, keyed on the Macie finding id (README, "The AWS stack"). Retained and
 * deletion-protected because it is the record of who quarantined what; PITR covers bad writes.
 */
class LedgerTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'findingId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS managed key: auditable in CloudTrail, no monthly key fee, no key policy to maintain.
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The audit archiver diffs the history before and after each write to find the events appended.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
  }
}

export { LedgerTable };
