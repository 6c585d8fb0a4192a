import type { S3Client } from '@aws-sdk/client-s3';
import type { Clock, Logger } from '../types/runtime';

/** What the move and restore flows share: the engine's options, defaults applied. */
interface EngineContext {
  readonly s3: S3Client;
  readonly quarantineBucket: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly multipartThresholdBytes: number;
  readonly partSizeBytes: number;
  readonly kmsKeyId?: string;
}

export type { EngineContext };
