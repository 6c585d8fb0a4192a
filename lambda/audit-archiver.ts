import { S3Client } from '@aws-sdk/client-s3';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { s3ClientConfig } from '../core/aws/aws-client-config';
import { buildArchiveDeps } from '../core/compose/archive-deps';
import { loadSettings } from '../core/config/load-settings';
import { createAuditArchiver } from './factories/audit-archiver';
import { createLambdaLogger } from './runtime/lambda-logger';

const { logger, begin } = createLambdaLogger();
// No Slack secret here: the archiver only writes to its bucket, so it is composed once from the environment.
let archiver: ReturnType<typeof createAuditArchiver> | undefined;

/** The ledger table's stream → the audit bucket. */
const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  begin(context, undefined);
  if (!archiver) {
    const settings = loadSettings({ env: process.env });
    archiver = createAuditArchiver(
      buildArchiveDeps({ settings, s3: new S3Client(s3ClientConfig(settings, process.env)), logger }),
    );
  }
  return archiver(event);
};

export { handler };
