import type { S3Client } from '@aws-sdk/client-s3';
import type { RemediationDeps } from '../../core/remediation/RemediationDeps';

/** What planning and carrying out a plan need: the workflows' dependencies as every door builds them. */
interface OperationEnv {
  readonly deps: RemediationDeps;
  /** For HeadObject of source objects while planning (the quarantine bucket is never read from here). */
  readonly s3: S3Client;
  readonly quarantineBucket: string;
  /** `cli:<os user>`. */
  readonly actor: string;
}

export type { OperationEnv };
