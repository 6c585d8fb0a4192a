import type { ObjectLocation } from './outcome';
import type { RemediationAction } from './policy';

/** What to move: the object a finding names, pinned by version or ETag. */
interface QuarantineTarget {
  readonly findingId: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    /** Pins the exact version; absent on unversioned buckets. */
    readonly versionId?: string;
    /** Unquoted ETag from the finding (or plan); the object must still match it unless `force`. */
    readonly eTag?: string;
    /** The object's account (the finding's `accountId`). @default the account of the credentials in use */
    readonly account?: string;
    /** The bucket's Region (the finding's `region`). @default the engine's own client's Region */
    readonly region?: string;
  };
  /** Who asked: a Slack user id (`slack:U123`), `auto`, or `cli:<user>`. Recorded as provenance. */
  readonly actor: string;
  /** Quarantine even if the object changed since the scan. @default false */
  readonly force?: boolean;
  /**
   * No run has moved this finding's object before, so no earlier run's copy can be at its quarantine key
   * (the key is the finding's own): the key is not looked at before the copy, whose `If-None-Match: *`
   * still refuses to replace anything there. @default false
   */
  readonly firstMove?: boolean;
}

interface RestoreTarget {
  readonly findingId: string;
  readonly actor: string;
  /** Overwrite an object that now exists at the original location. @default false */
  readonly force?: boolean;
}

/** Provenance stored with each quarantined copy (as object metadata): restore needs nothing else. */
interface QuarantinedCopy {
  readonly findingId: string;
  /** `account` and `region` are absent on copies made before they were recorded: the own account, the home Region. */
  readonly source: ObjectLocation & { readonly eTag?: string; readonly account?: string; readonly region?: string };
  readonly quarantine: { readonly bucket: string; readonly key: string; readonly versionId?: string };
  readonly size: number;
  readonly quarantinedAt: string;
  readonly actor: string;
}

type QuarantineResult =
  /** `reason` when the move went otherwise than planned but the scanned bytes are safe (a writer's new object left in place). */
  | { readonly outcome: 'QUARANTINED'; readonly copy: QuarantinedCopy; readonly reason?: string }
  | { readonly outcome: 'ALREADY_QUARANTINED'; readonly copy: QuarantinedCopy }
  | NotActedOn;

type RestoreResult =
  | {
      readonly outcome: 'RESTORED';
      readonly copy: QuarantinedCopy;
      /** `eTag`: the restored object's, as S3 reports it (a multipart copy back may change it). */
      readonly restored: ObjectLocation & { readonly eTag?: string };
    }
  | { readonly outcome: 'CONFLICT'; readonly reason: string; readonly copy: QuarantinedCopy }
  | SourceMissing
  | StepFailed;

/** A legal hold put on (`HELD`) or taken off (`RELEASED`) every version of a finding's copies. */
type LegalHoldResult =
  | { readonly outcome: 'HELD' | 'RELEASED'; readonly versions: number }
  | SourceMissing
  | {
      readonly outcome: 'FAILED';
      readonly reason: string;
      readonly step: MoveStep;
      /** Versions whose hold was changed before the failure: with none, S3 is as it was. */
      readonly changed: number;
    };

/** An object's server-side encryption, as HeadObject reports it; `NONE`: no SSE header (the bucket default applied). */
interface ObjectEncryption {
  readonly algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'NONE';
  readonly kmsKeyId?: string;
  readonly bucketKeyEnabled?: boolean;
}

/**
 * An object sealed in place: re-encrypted at its own key with the quarantine KMS key. Its metadata records
 * all of this (the object alone suffices to unseal it).
 */
interface SealedObject {
  readonly findingId: string;
  readonly location: {
    readonly bucket: string;
    readonly key: string;
    /** The sealed version; absent on unversioned buckets. */
    readonly versionId?: string;
    readonly account?: string;
    readonly region?: string;
  };
  /** The scanned object before the seal: what unseal re-creates. */
  readonly original: { readonly versionId?: string; readonly eTag?: string; readonly encryption: ObjectEncryption };
  readonly size: number;
  readonly sealedAt: string;
  readonly actor: string;
}

type SealResult =
  /** `reason` when the seal went otherwise than planned but the scanned bytes are safe. */
  | { readonly outcome: 'SEALED'; readonly sealed: SealedObject; readonly reason?: string }
  | { readonly outcome: 'ALREADY_SEALED'; readonly sealed: SealedObject }
  | NotActedOn;

interface UnsealTarget {
  readonly findingId: string;
  readonly actor: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly account?: string;
    readonly region?: string;
  };
  /** Unseal even when a newer object now sits at the key (versioned: the newer one stays as an older version). @default false */
  readonly force?: boolean;
}

type UnsealResult =
  | {
      readonly outcome: 'RESTORED';
      readonly sealed: SealedObject;
      /** `eTag`: the unsealed object's, as S3 reports it. */
      readonly restored: ObjectLocation & { readonly eTag?: string };
    }
  | { readonly outcome: 'CONFLICT'; readonly reason: string; readonly sealed: SealedObject }
  | SourceMissing
  | StepFailed;

/** One classification tag merged into the pinned version's tag set; nothing moves. */
interface TagTarget extends QuarantineTarget {
  readonly tag: { readonly key: string; readonly value: string };
}

type TaggedLocation = ObjectLocation & { readonly account?: string; readonly region?: string };

type TagResult = { readonly outcome: 'TAGGED' | 'ALREADY_TAGGED'; readonly location: TaggedLocation } | NotActedOn;

interface UntagTarget {
  readonly findingId: string;
  readonly actor: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId?: string;
    readonly account?: string;
    readonly region?: string;
  };
  readonly tag: { readonly key: string; readonly value: string };
}

type UntagResult =
  /** The tag is gone (or was never there, or another value replaced ours: left as it is). */
  { readonly outcome: 'RESTORED'; readonly location: TaggedLocation } | SourceMissing | StepFailed;

/** The step a move failed at: the data is readable in at least one place after any of them. */
type MoveStep = 'inspect' | 'copy' | 'verify' | 'delete' | 'tag' | 'hold';

/** The object is no longer where the target says: nothing was done. */
interface SourceMissing {
  readonly outcome: 'SOURCE_MISSING';
  readonly reason: string;
}

/** A step failed; the data is readable in at least one place, and a rerun finishes or undoes the rest. */
interface StepFailed {
  readonly outcome: 'FAILED';
  readonly reason: string;
  readonly step: MoveStep;
}

/** What every action on a scanned object (quarantine, seal, tag) answers when it did not happen. */
type NotActedOn =
  | SourceMissing
  | { readonly outcome: 'STALE'; readonly reason: string; readonly currentETag?: string }
  | StepFailed;

export type {
  LegalHoldResult,
  MoveStep,
  ObjectEncryption,
  QuarantinedCopy,
  QuarantineResult,
  QuarantineTarget,
  RemediationAction,
  RestoreResult,
  RestoreTarget,
  SealedObject,
  SealResult,
  TaggedLocation,
  TagResult,
  TagTarget,
  UnsealResult,
  UnsealTarget,
  UntagResult,
  UntagTarget,
};
