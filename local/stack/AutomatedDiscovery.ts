import type { S3Client } from '@aws-sdk/client-s3';
import type { Clock, Logger } from '../../core/types/runtime';
import { findingsForBucket } from '../macie/findings-for-bucket';
import type { MacieStandIn } from '../macie/MacieStandIn';

interface AutomatedDiscoveryOptions {
  readonly s3: S3Client;
  readonly macie: MacieStandIn;
  /** Buckets Macie leaves alone here: the quarantine bucket. */
  readonly ignoreBuckets: readonly string[];
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
    if (this.options.ignoreBuckets.includes(bucket)) return;
    const scan = this.scan(bucket, key);
    this.inFlight.add(scan);
    void scan.finally(() => this.inFlight.delete(scan));
  }

  /** Resolves when every scan started so far has published its findings. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async scan(bucket: string, key: string): Promise<void> {
    const { s3, macie, clock, logger } = this.options;
    try {
      const found = await findingsForBucket(s3, bucket, { prefix: key, createdAt: clock() });
      const findings = found.filter((finding) => finding.resourcesAffected?.s3Object?.key === key);
      macie.add(...findings);
      logger.info('discovery scanned an upload', { bucket, key, findings: findings.map((f) => f.type) });
    } catch (err) {
      logger.error('discovery failed', { bucket, key, error: String(err) });
    }
  }
}

export type { AutomatedDiscoveryOptions };
export { AutomatedDiscovery };
