import { createHash } from 'node:crypto';

/** S3's limit on a key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
const LONG_KEY_MARKER = '_long-key_';

interface QuarantineKey {
  readonly key: string;
  /** The source key did not fit into the quarantine key: it travels in the copy's metadata instead. */
  readonly sourceKeyInMetadata: boolean;
}

interface ParsedQuarantineKey {
  readonly findingId: string;
  readonly bucket: string;
  /** The source key, unless the copy was named by a digest (see `sourceKeyInMetadata`). */
  readonly key: string;
}

/** Every copy of one finding lives under this prefix, so `locate` is one ListObjectsV2. */
const findingPrefix = (findingId: string): string => `${encodeURIComponent(findingId)}/`;

/**
 * Where a versioned move keeps a copy of each version it removes, when it removes more than the scanned
 * one: `<findingId>/_versions/<versionId>`. No bucket name may start with `_`, so these keys never read
 * as a copy's `<findingId>/<bucket>/<key>`.
 */
const VERSIONS_SEGMENT = '_versions';
const versionsPrefix = (findingId: string): string => `${findingPrefix(findingId)}${VERSIONS_SEGMENT}/`;
const versionCopyKey = (findingId: string, versionId: string): string =>
  `${versionsPrefix(findingId)}${encodeURIComponent(versionId)}`;

/**
 * Where a finished restore leaves its receipt (restore-receipt.ts): `_restored/<findingId>`, outside the
 * finding's prefix, which a restore leaves empty. One slash, so it never reads as a copy's
 * `<findingId>/<bucket>/<key>`.
 */
const restoreReceiptKey = (findingId: string): string => `_restored/${encodeURIComponent(findingId)}`;

/**
 * `<findingId>/<sourceBucket>/<sourceKey>`: deterministic, so a retry finds its own copy, while a second
 * finding on the same object gets a key of its own (two findings keep two copies). A key that would pass
 * S3's 1024-byte limit is named by its SHA-256 instead.
 */
function buildQuarantineKey(findingId: string, bucket: string, key: string): QuarantineKey {
  const full = `${findingPrefix(findingId)}${bucket}/${key}`;
  if (Buffer.byteLength(full, 'utf8') <= MAX_KEY_BYTES) return { key: full, sourceKeyInMetadata: false };
  const digest = createHash('sha256').update(key, 'utf8').digest('hex');
  return { key: `${findingPrefix(findingId)}${bucket}/${LONG_KEY_MARKER}${digest}`, sourceKeyInMetadata: true };
}

/** The inverse of buildQuarantineKey; undefined for keys this engine did not write. */
function parseQuarantineKey(quarantineKey: string): ParsedQuarantineKey | undefined {
  const first = quarantineKey.indexOf('/');
  const second = quarantineKey.indexOf('/', first + 1);
  if (first <= 0 || second <= first + 1 || second === quarantineKey.length - 1) return undefined;
  if (quarantineKey.slice(first + 1, second) === VERSIONS_SEGMENT) return undefined;
  try {
    return {
      findingId: decodeURIComponent(quarantineKey.slice(0, first)),
      bucket: quarantineKey.slice(first + 1, second),
      key: quarantineKey.slice(second + 1),
    };
  } catch {
    return undefined;
  }
}

export type { ParsedQuarantineKey, QuarantineKey };
export {
  buildQuarantineKey,
  findingPrefix,
  MAX_KEY_BYTES,
  parseQuarantineKey,
  restoreReceiptKey,
  versionCopyKey,
  versionsPrefix,
};
