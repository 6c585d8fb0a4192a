/** The five sensitive-data finding types Macie publishes (category CLASSIFICATION). */
const SENSITIVE_DATA_TYPES = [
  'SensitiveData:S3Object/Credentials',
  'SensitiveData:S3Object/CustomIdentifier',
  'SensitiveData:S3Object/Financial',
  'SensitiveData:S3Object/Multiple',
  'SensitiveData:S3Object/Personal',
] as const;

type SensitiveDataType = (typeof SENSITIVE_DATA_TYPES)[number];

/** Severity as Macie names it (title case). score: 1 = Low, 2 = Medium, 3 = High. */
type SeverityDescription = 'Low' | 'Medium' | 'High';

interface Severity {
  readonly description: SeverityDescription;
  readonly score: 1 | 2 | 3;
}

/** The S3 object a sensitive-data finding names, normalised (see core/finding/). */
interface FindingObject {
  readonly bucket: string;
  /** Raw key, exactly as S3 stores it (spaces, `+`, unicode: never URL-encoded). */
  readonly key: string;
  /** Absent on unversioned buckets (Macie sends `""`, which is never passed to S3). */
  readonly versionId?: string;
  /** Without surrounding quotes, as Macie sends it. */
  readonly eTag?: string;
  readonly size?: number;
  readonly storageClass?: string;
  readonly encryptionType?: string;
  readonly kmsKeyId?: string;
  /** The object's tags when Macie scanned it (absent when it had none). */
  readonly tags?: readonly { readonly key: string; readonly value: string }[];
}

interface SensitiveDataCount {
  readonly category: string;
  readonly totalCount: number;
  readonly detections: readonly { readonly type: string; readonly count: number }[];
}

/** A Macie finding as the engine relies on it, parsed from an EventBridge event or GetFindings. */
interface Finding {
  readonly id: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Any Macie type string; policy types (`Policy:IAMUser/...`) parse too and are ignored by policy. */
  readonly type: string;
  readonly category: 'CLASSIFICATION' | 'POLICY';
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  /** ISO-8601. */
  readonly createdAt: string;
  readonly archived: boolean;
  readonly sample: boolean;
  /** Present for sensitive-data findings; absent for policy findings. */
  readonly object?: FindingObject;
  readonly sensitiveData: readonly SensitiveDataCount[];
  readonly customIdentifierCount: number;
  readonly jobId?: string;
  readonly originType?: string;
}

export type { Finding, FindingObject, SensitiveDataCount, SensitiveDataType, Severity, SeverityDescription };
export { SENSITIVE_DATA_TYPES };
