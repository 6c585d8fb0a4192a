import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { motoUrl } from './aws';

/** The ledger table as the stack makes it: the contract's key, with its stream of old and new images. */
async function createStreamedLedgerTable(dynamo: DynamoDBClient, tableName: string): Promise<string> {
  const created = await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'findingId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'findingId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const arn = created.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`moto created ${tableName} without a stream`);
  return arn;
}

/**
 * One call of the DynamoDB Streams API on moto. @aws-sdk/client-dynamodb-streams is not a dependency, so
 * its JSON protocol is spoken here directly (moto checks no signature, only the service in the scope).
 */
async function streamsCall<T>(target: string, body: unknown): Promise<T> {
  const response = await fetch(motoUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${target}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${target}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every record on the stream's shards from the start, as the Lambda event source mapping would hand them over. */
async function streamEvent(streamArn: string): Promise<DynamoDBStreamEvent> {
  const { StreamDescription } = await streamsCall<{ StreamDescription: { Shards: { ShardId: string }[] } }>(
    'DescribeStream',
    { StreamArn: streamArn },
  );
  const Records: DynamoDBStreamEvent['Records'] = [];
  for (const { ShardId } of StreamDescription.Shards) {
    const { ShardIterator } = await streamsCall<{ ShardIterator: string }>('GetShardIterator', {
      StreamArn: streamArn,
      ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const page = await streamsCall<{ Records: DynamoDBStreamEvent['Records'] }>('GetRecords', { ShardIterator });
    Records.push(...page.Records.map((record) => ({ ...record, eventSourceARN: streamArn })));
  }
  return { Records };
}

export { createStreamedLedgerTable, streamEvent };
