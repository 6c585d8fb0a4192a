import type { S3Client } from '@aws-sdk/client-s3';
import type { Clock, Logger } from '../../core/types/runtime';
import { findingsForBucket } from '../macie/findings-for-bucket';
import type { MacieStandIn } from '../macie/MacieStandIn';

/** How Macie reads a bucket: in its account, with that account's credentials (Macie's role there). */
interface BucketReader {
  readonly s3: S3Client;
  readonly accountId: string;
}

interface AutomatedDiscoveryOptions {
  /** The bucket's reader, or undefined for a bucket Macie leaves alone here (the quarantine bucket). */
  readonly readerOf: (bucket: string) => BucketReader | undefined;
  readonly macie: MacieStandIn;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Macie's automated sensitive-data discovery, locally and at once: each uploaded object is classified
 * (local/macie's rules) and, when it holds sensitive data, the Macie stand-in publishes a finding for it.
 * Copies are not uploads, so quarantining or restoring an object does not make a new finding.
 */
class AutomatedDiscovery {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: AutomatedDiscoveryOptions) {}

  objectUploaded(bucket: string, key: string): void {
    const reader = this.options.readerOf(bucket);
    if (!reader) return;
    const scan = this.scan(reader, bucket, key);
    this.inFlight.add(scan);
    void scan.finally(() => this.inFlight.delete(scan));
  }

  /** Resolves when every scan started so far has published its findings. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async scan({ s3, accountId }: BucketReader, bucket: string, key: string): Promise<void> {
    const { macie, clock, logger } = this.options;
    try {
      const found = await findingsForBucket(s3, bucket, { prefix: key, accountId, createdAt: clock() });
      const findings = found.filter((finding) => finding.resourcesAffected?.s3Object?.key === key);
      macie.add(...findings);
      logger.info('discovery scanned an upload', { bucket, key, findings: findings.map((f) => f.type) });
    } catch (err) {
      logger.error('discovery failed', { bucket, key, error: String(err) });
    }
  }
}

export type { AutomatedDiscoveryOptions, BucketReader };
export { AutomatedDiscovery };
