import type { S3Client } from '@aws-sdk/client-s3';
import type { AccountClients } from '../aws/account-clients';
import type { Clock, Logger } from '../types/runtime';

/** What the move and restore flows share: the engine's options, defaults applied. */
interface EngineContext {
  /** The own credentials in the home Region: every call on the quarantine bucket alone. */
  readonly s3: S3Client;
  /** Other accounts' and Regions' clients; absent: every object is the own account's, in the home Region. */
  readonly accounts?: AccountClients;
  readonly quarantineBucket: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly multipartThresholdBytes: number;
  readonly partSizeBytes: number;
  readonly kmsKeyId?: string;
  /** The store drops the tags a copy carries (s3rver): the source's are read and set on the copy after. */
  readonly copyDropsTags: boolean;
}

export type { EngineContext };
