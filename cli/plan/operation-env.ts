import type { S3Client } from '@aws-sdk/client-s3';
import type { AccountClients } from '../../core/aws/account-clients';
import type { RemediationDeps } from '../../core/remediation/RemediationDeps';

/** What planning and carrying out a plan need: the workflows' dependencies as every door builds them. */
interface OperationEnv {
  readonly deps: RemediationDeps;
  /** The own credentials in the home Region; never used on the quarantine bucket from here. */
  readonly s3: S3Client;
  /**
   * The engine's clients for a source object (its account's credentials, its Region): what planning reads
   * objects with, so a member account's object is read as its member role, as the job will.
   * @default none: every object is the own account's, read with `s3`
   */
  readonly accounts?: AccountClients;
  readonly quarantineBucket: string;
  /** `cli:<os user>`. */
  readonly actor: string;
  /** `aws:<caller ARN>`: who approves restores, when two approvals are needed. @default `actor` */
  readonly approver?: string;
}

export type { OperationEnv };
