/** S3 limits user-defined metadata to 2 KB: the UTF-8 bytes of every key and value together. */
const METADATA_LIMIT_BYTES = 2048;

const FIELDS = {
  findingId: 'macie-remediate-finding-id',
  sourceKey: 'macie-remediate-source-key',
  sourceVersionId: 'macie-remediate-source-version-id',
  sourceETag: 'macie-remediate-source-etag',
  quarantinedAt: 'macie-remediate-quarantined-at',
  actor: 'macie-remediate-actor',
  versionOrder: 'macie-remediate-version-order',
  sourceEncryption: 'macie-remediate-source-encryption',
  sourceAccount: 'macie-remediate-source-account',
  sourceRegion: 'macie-remediate-source-region',
} as const;

type ProvenanceField = keyof typeof FIELDS;

/** What a quarantined copy records about where it came from (the bucket is in its key). */
interface Provenance {
  readonly findingId: string;
  /** Only when the source key did not fit into the quarantine key. */
  readonly sourceKey?: string;
  readonly sourceVersionId?: string;
  /** Unquoted. */
  readonly sourceETag?: string;
  /** ISO-8601. */
  readonly quarantinedAt: string;
  readonly actor: string;
  /**
   * Copies of removed versions only: the version's place among the key's versions, oldest 0, so restore
   * re-creates them in their order.
   */
  readonly versionOrder?: string;
  /**
   * Copies of removed versions only: the version's own encryption (`formatEncryption`), as the copy is under
   * the quarantine key, so an unseal re-creates the version as it was encrypted.
   */
  readonly sourceEncryption?: string;
  /** Whose bucket, in which Region: a restore writes back there. Absent: the own account, the home Region. */
  readonly sourceAccount?: string;
  readonly sourceRegion?: string;
}

type EncodedProvenance =
  | { readonly ok: true; readonly metadata: Record<string, string>; readonly dropped: readonly ProvenanceField[] }
  | { readonly ok: false; readonly reason: string };

/** Least useful first: these give way when the source's own metadata leaves no room. */
const DROP_ORDER: readonly ProvenanceField[] = [
  'actor',
  'quarantinedAt',
  'sourceEncryption',
  'sourceETag',
  'sourceVersionId',
  'findingId',
];
const MAX_ACTOR_LENGTH = 256;

const metadataBytes = (metadata: Readonly<Record<string, string>>): number =>
  Object.entries(metadata).reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8'),
    0,
  );

// Header values must be ASCII: the key (any unicode) as base64url, everything else percent-encoded.
function encodeValue(field: ProvenanceField, value: string): string {
  return field === 'sourceKey' ? Buffer.from(value, 'utf8').toString('base64url') : encodeURIComponent(value);
}

function decodeValue(field: ProvenanceField, value: string): string | undefined {
  if (field === 'sourceKey') return Buffer.from(value, 'base64url').toString('utf8');
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * The source's user metadata plus the provenance fields. The source key, account and Region are essential
 * (restore needs them); the other fields are dropped, least useful first, when the 2 KB limit would be exceeded.
 */
function encodeProvenance(provenance: Provenance, sourceMetadata: Readonly<Record<string, string>>): EncodedProvenance {
  const values: Partial<Record<ProvenanceField, string>> = {
    ...provenance,
    actor: provenance.actor.slice(0, MAX_ACTOR_LENGTH),
  };
  const entries = (Object.keys(FIELDS) as ProvenanceField[]).flatMap((field) => {
    const value = values[field];
    return value === undefined || value === '' ? [] : [[field, encodeValue(field, value)] as const];
  });
  const build = (dropped: readonly ProvenanceField[]): Record<string, string> => ({
    ...stripProvenance(sourceMetadata),
    ...Object.fromEntries(entries.filter(([f]) => !dropped.includes(f)).map(([f, v]) => [FIELDS[f], v])),
  });
  for (let n = 0; n <= DROP_ORDER.length; n++) {
    const dropped = DROP_ORDER.slice(0, n).filter((f) => values[f] !== undefined);
    const metadata = build(dropped);
    if (metadataBytes(metadata) <= METADATA_LIMIT_BYTES) return { ok: true, metadata, dropped };
  }
  return {
    ok: false,
    reason: `the object's metadata leaves no room within S3's 2 KB limit to record its ${essentialsOf(values)}`,
  };
}

/** What restore cannot do without, in words: `key`, `account and Region`, `provenance`. */
function essentialsOf(values: Partial<Record<ProvenanceField, string>>): string {
  const named = [
    values.sourceKey === undefined ? undefined : 'key',
    values.sourceAccount === undefined && values.sourceRegion === undefined ? undefined : 'account and Region',
  ].filter((n): n is string => n !== undefined);
  return named.length === 0 ? 'provenance' : named.join(', ');
}

/** Whatever provenance fields a copy carries. */
function decodeProvenance(metadata: Readonly<Record<string, string>>): Partial<Provenance> {
  const decoded: Partial<Record<ProvenanceField, string>> = {};
  for (const field of Object.keys(FIELDS) as ProvenanceField[]) {
    const raw = metadata[FIELDS[field]];
    const value = raw === undefined ? undefined : decodeValue(field, raw);
    if (value !== undefined) decoded[field] = value;
  }
  return decoded;
}

/** The user metadata as it was before quarantine. */
function stripProvenance(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const ours = new Set<string>(Object.values(FIELDS));
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !ours.has(k.toLowerCase())));
}

export type { EncodedProvenance, Provenance, ProvenanceField };
export { decodeProvenance, encodeProvenance, METADATA_LIMIT_BYTES, metadataBytes, stripProvenance };
