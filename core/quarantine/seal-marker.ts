import type { ObjectEncryption } from '../types/quarantine';
import { METADATA_LIMIT_BYTES, metadataBytes } from './provenance';

/**
 * What a sealed object records about itself in its user metadata, so the object alone suffices to unseal
 * it: which finding sealed it, and how it was encrypted before.
 */
interface SealMarker {
  readonly findingId: string;
  readonly original: { readonly versionId?: string; readonly eTag?: string; readonly encryption: ObjectEncryption };
  /** ISO-8601. */
  readonly sealedAt: string;
  readonly actor: string;
}

const FIELDS = {
  findingId: 'macie-remediate-sealed',
  algorithm: 'macie-remediate-sealed-sse',
  kmsKeyId: 'macie-remediate-sealed-kms-key',
  bucketKeyEnabled: 'macie-remediate-sealed-bucket-key',
  versionId: 'macie-remediate-sealed-version',
  eTag: 'macie-remediate-sealed-etag',
  sealedAt: 'macie-remediate-sealed-at',
  actor: 'macie-remediate-sealed-by',
} as const;

const MAX_ACTOR_LENGTH = 256;
const ALGORITHMS: readonly ObjectEncryption['algorithm'][] = ['AES256', 'aws:kms', 'aws:kms:dsse', 'NONE'];

/** The object's user metadata without the marker: as it was before the seal. */
function stripSealMarker(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const ours = new Set<string>(Object.values(FIELDS));
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !ours.has(k.toLowerCase())));
}

type EncodedMarker =
  | { readonly ok: true; readonly metadata: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

/** The object's own user metadata plus the marker; every field is needed to unseal, so none gives way. */
function encodeSealMarker(marker: SealMarker, userMetadata: Readonly<Record<string, string>>): EncodedMarker {
  const { encryption, versionId, eTag } = marker.original;
  // Header values must be ASCII: every value percent-encoded.
  const values: Record<string, string | undefined> = {
    [FIELDS.findingId]: marker.findingId,
    [FIELDS.algorithm]: encryption.algorithm,
    [FIELDS.kmsKeyId]: encryption.kmsKeyId,
    [FIELDS.bucketKeyEnabled]:
      encryption.bucketKeyEnabled === undefined ? undefined : String(encryption.bucketKeyEnabled),
    [FIELDS.versionId]: versionId,
    [FIELDS.eTag]: eTag,
    [FIELDS.sealedAt]: marker.sealedAt,
    [FIELDS.actor]: marker.actor.slice(0, MAX_ACTOR_LENGTH),
  };
  const metadata = {
    ...stripSealMarker(userMetadata),
    ...Object.fromEntries(
      Object.entries(values).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, encodeURIComponent(v)]])),
    ),
  };
  if (metadataBytes(metadata) <= METADATA_LIMIT_BYTES) return { ok: true, metadata };
  return {
    ok: false,
    reason: `the object's user metadata leaves no room within S3's 2 KB limit for the seal's record of its encryption; quarantine it instead`,
  };
}

function decode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The marker of a sealed object; undefined for an object this engine did not seal (or a marker cut short). */
function decodeSealMarker(metadata: Readonly<Record<string, string>>): SealMarker | undefined {
  const read = (field: keyof typeof FIELDS) => decode(metadata[FIELDS[field]]);
  const findingId = read('findingId');
  const algorithm = ALGORITHMS.find((a) => a === read('algorithm'));
  if (!findingId || !algorithm) return undefined;
  const kmsKeyId = read('kmsKeyId');
  const bucketKey = read('bucketKeyEnabled');
  const versionId = read('versionId');
  const eTag = read('eTag');
  return {
    findingId,
    original: {
      ...(versionId ? { versionId } : {}),
      ...(eTag ? { eTag } : {}),
      encryption: {
        algorithm,
        ...(kmsKeyId ? { kmsKeyId } : {}),
        ...(bucketKey === undefined ? {} : { bucketKeyEnabled: bucketKey === 'true' }),
      },
    },
    sealedAt: read('sealedAt') ?? '',
    actor: read('actor') ?? 'unknown',
  };
}

export type { SealMarker };
export { decodeSealMarker, encodeSealMarker, stripSealMarker };
