import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RemediateError } from '../errors';
import type { Watermark } from '../types/ports';
import { SCHEMA_VERSION } from './ledger-item';
import { sdkErrorName } from './sdk-error-name';
import { WATERMARK_KEY } from './watermark-key';

interface DynamoDbWatermarkOptions {
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
}

/**
 * The reconciler's watermark as one item of the ledger table. Advanced with a conditional write that only
 * moves it forward, so a slow run finishing after a faster overlapping one cannot pull it back.
 */
class DynamoDbWatermark implements Watermark {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoDbWatermarkOptions) {
    this.#doc = DynamoDBDocumentClient.from(options.dynamo);
    this.#table = options.tableName;
  }

  async read(): Promise<Date | undefined> {
    const got = await this.#call('GetItem', () =>
      this.#doc.send(
        new GetCommand({ TableName: this.#table, Key: { findingId: WATERMARK_KEY }, ConsistentRead: true }),
      ),
    );
    const through = got.Item?.updatedThrough;
    return typeof through === 'number' ? new Date(through) : undefined;
  }

  async advance(to: Date): Promise<boolean> {
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { findingId: WATERMARK_KEY },
          UpdateExpression: 'SET #through = :through, #at = :at, #schema = :schema',
          ConditionExpression: 'attribute_not_exists(#through) OR #through < :through',
          ExpressionAttributeNames: {
            '#through': 'updatedThrough',
            '#at': 'updatedThroughAt',
            '#schema': 'schemaVersion',
          },
          ExpressionAttributeValues: { ':through': to.getTime(), ':at': to.toISOString(), ':schema': SCHEMA_VERSION },
        }),
      );
      return true;
    } catch (err) {
      if (sdkErrorName(err) === 'ConditionalCheckFailedException') return false;
      throw this.#failure('UpdateItem', err);
    }
  }

  async #call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.#failure(operation, err);
    }
  }

  #failure(operation: string, err: unknown): RemediateError {
    const reason = err instanceof Error ? err.message : String(err);
    return new RemediateError('INTERNAL', `ledger table ${this.#table}: watermark ${operation} failed: ${reason}`, {
      cause: err,
    });
  }
}

export type { DynamoDbWatermarkOptions };
export { DynamoDbWatermark };
