import type { S3Client } from '@aws-sdk/client-s3';
import type { ArchiveDeps } from '../audit/archive-changes';
import { S3AuditArchive } from '../audit/S3AuditArchive';
import { ConfigError } from '../errors';
import { silentLogger } from '../logger';
import type { Logger } from '../types/runtime';
import type { Settings } from '../types/settings';

interface ArchiveComposeOptions {
  readonly settings: Pick<Settings, 'auditBucket'>;
  readonly s3: S3Client;
  readonly logger?: Logger;
}

/**
 * The audit archive over the settings' audit bucket: the archiver writes it, `audit --from-archive` reads it.
 * @throws ConfigError when no audit bucket is set.
 */
function buildArchiveDeps(options: ArchiveComposeOptions): ArchiveDeps {
  const bucket = options.settings.auditBucket;
  if (!bucket)
    throw new ConfigError(['audit bucket is not set: deploy the stack, or set MACIE_REMEDIATE_AUDIT_BUCKET']);
  return { archive: new S3AuditArchive({ s3: options.s3, bucket }), logger: options.logger ?? silentLogger };
}

export type { ArchiveComposeOptions };
export { buildArchiveDeps };
