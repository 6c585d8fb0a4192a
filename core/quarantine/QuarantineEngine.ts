import type { S3Client } from '@aws-sdk/client-s3';
import type { AccountClients } from '../aws/account-clients';
import { ConfigError } from '../errors';
import { silentLogger, systemClock } from '../logger';
import type { Quarantine } from '../types/ports';
import type {
  LegalHoldResult,
  QuarantinedCopy,
  QuarantineResult,
  QuarantineTarget,
  RestoreResult,
  RestoreTarget,
  SealResult,
  TagResult,
  TagTarget,
  UnsealResult,
  UnsealTarget,
  UntagResult,
  UntagTarget,
} from '../types/quarantine';
import type { Clock, Logger } from '../types/runtime';
import type { EngineContext } from './engine-context';
import { setLegalHold } from './legal-hold';
import { listCopies } from './list-copies';
import { locateCopy } from './locate-copy';
import { moveToQuarantine } from './move-to-quarantine';
import { restoreFromQuarantine } from './restore-from-quarantine';
import { toSystemError } from './StepFailure';
import { sealObject } from './seal-object';
import { tagObject, untagObject } from './tag-object';
import { unsealObject } from './unseal-object';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

interface QuarantineEngineOptions {
  /** The own credentials, in the home Region: the quarantine bucket is reached with it. */
  readonly s3: S3Client;
  /**
   * How to reach objects of member accounts and other Regions (a target's `account` and `region`); its
   * `home` is `s3`. Given, not built here, so a door's plan reads objects with the same clients.
   * @default none: every object is taken to be the own account's, in the home Region
   */
  readonly accounts?: AccountClients;
  /** Where copies go: versioned, locked down, ideally SSE-KMS. */
  readonly quarantineBucket: string;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default silent */
  readonly logger?: Logger;
  /** Objects larger than this are copied part by part. @default 5 GiB (CopyObject's own limit) */
  readonly multipartThresholdBytes?: number;
  /** Part size of multipart copies; S3 wants 5 MiB to 5 GiB. @default 512 MiB */
  readonly partSizeBytes?: number;
  /**
   * SSE-KMS key for every write to the quarantine bucket, and the key a seal re-encrypts objects with (an
   * ARN, so a seal can tell a bucket of another Region). @default the bucket's default encryption; no seal
   */
  readonly kmsKeyId?: string;
  /** The store drops the tags a copy carries, as s3rver (the local stack's) does. @default false: S3 and moto keep them */
  readonly copyDropsTags?: boolean;
}

function validate(options: QuarantineEngineOptions): void {
  const problems = [
    options.quarantineBucket ? undefined : 'the quarantine bucket is not set',
    options.multipartThresholdBytes === undefined ||
    (options.multipartThresholdBytes >= 0 && options.multipartThresholdBytes <= 5 * GiB)
      ? undefined
      : 'multipartThresholdBytes must be between 0 and 5 GiB (CopyObject copies at most 5 GiB)',
    options.partSizeBytes === undefined || (options.partSizeBytes >= 5 * MiB && options.partSizeBytes <= 5 * GiB)
      ? undefined
      : 'partSizeBytes must be between 5 MiB and 5 GiB',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * Moves S3 objects holding sensitive data into the quarantine bucket and back. Every outcome is a typed
 * result; S3 failures become FAILED with the step they happened at, never exceptions.
 *
 * @example
 * const engine = new QuarantineEngine({ s3: new S3Client({}), quarantineBucket: 'acme-quarantine' });
 * const result = await engine.quarantine({ findingId, source: { bucket, key, versionId, eTag }, actor: 'auto' });
 */
class QuarantineEngine implements Quarantine {
  readonly #ctx: EngineContext;

  constructor(options: QuarantineEngineOptions) {
    validate(options);
    const clock = options.clock ?? systemClock;
    this.#ctx = {
      s3: options.s3,
      ...(options.accounts ? { accounts: options.accounts } : {}),
      quarantineBucket: options.quarantineBucket,
      clock,
      logger: options.logger ?? silentLogger,
      multipartThresholdBytes: options.multipartThresholdBytes ?? 5 * GiB,
      partSizeBytes: options.partSizeBytes ?? 512 * MiB,
      kmsKeyId: options.kmsKeyId,
      copyDropsTags: options.copyDropsTags ?? false,
    };
  }

  quarantine(target: QuarantineTarget): Promise<QuarantineResult> {
    return moveToQuarantine(this.#ctx, target);
  }

  restore(target: RestoreTarget): Promise<RestoreResult> {
    return restoreFromQuarantine(this.#ctx, target);
  }

  /** Re-encrypts the object in place with `kmsKeyId`; FAILED at inspect without one. */
  seal(target: QuarantineTarget): Promise<SealResult> {
    return sealObject(this.#ctx, target);
  }

  unseal(target: UnsealTarget): Promise<UnsealResult> {
    return unsealObject(this.#ctx, target);
  }

  tag(target: TagTarget): Promise<TagResult> {
    return tagObject(this.#ctx, target);
  }

  untag(target: UntagTarget): Promise<UntagResult> {
    return untagObject(this.#ctx, target);
  }

  legalHold(findingId: string, status: 'ON' | 'OFF'): Promise<LegalHoldResult> {
    return setLegalHold(this.#ctx, findingId, status);
  }

  /** @throws RemediateError (system) when S3 cannot be read: the port has no FAILED outcome here. */
  async locate(findingId: string): Promise<QuarantinedCopy | undefined> {
    try {
      return await locateCopy(this.#ctx, findingId);
    } catch (err) {
      throw toSystemError(err);
    }
  }

  /** @throws RemediateError (system) when S3 cannot be read. */
  async *list(): AsyncIterable<QuarantinedCopy> {
    try {
      yield* listCopies(this.#ctx);
    } catch (err) {
      throw toSystemError(err);
    }
  }
}

export type { QuarantineEngineOptions };
export { QuarantineEngine };
