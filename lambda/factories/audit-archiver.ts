import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type ArchiveDeps, archiveChanges } from '../../core/audit/archive-changes';
import type { LedgerItemChange } from '../../core/types/audit';

type StreamImage = NonNullable<NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>['NewImage']>;

const item = (image: StreamImage | undefined) =>
  // The stream's AttributeValue shape is the SDK's; the aws-lambda typings only spell it differently.
  image ? (unmarshall(image as Parameters<typeof unmarshall>[0]) as Record<string, unknown>) : undefined;

/**
 * The ledger table's stream records as changes core reads. A record without a sequence number is not one
 * Lambda would send: a bug to surface, not data to skip.
 */
function parseStreamEvent(event: DynamoDBStreamEvent): LedgerItemChange[] {
  return (event.Records ?? []).map((record) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!sequenceNumber) throw new Error(`stream record ${record.eventID ?? '?'} has no sequence number`);
    const oldItem = item(record.dynamodb?.OldImage);
    const newItem = item(record.dynamodb?.NewImage);
    return { sequenceNumber, ...(oldItem ? { oldItem } : {}), ...(newItem ? { newItem } : {}) };
  });
}

/**
 * The ledger table's stream (event source mapping, ReportBatchItemFailures) → the audit archive. A day whose
 * write failed is reported from its first record, so Lambda retries only from there on.
 */
function createAuditArchiver(deps: ArchiveDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const report = await archiveChanges(deps, parseStreamEvent(event));
    deps.logger.info('archived', { events: report.events, objects: report.objects.length });
    return { batchItemFailures: report.failedFrom ? [{ itemIdentifier: report.failedFrom }] : [] };
  };
}

export { createAuditArchiver, parseStreamEvent };
