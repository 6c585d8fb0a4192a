import { randomBytes, randomUUID } from 'node:crypto';
import type { SensitiveDataType, SeverityDescription } from '../../core/types';
import { exampleCustomDetections, exampleSensitiveData, MAX_LOCATIONS } from './example-detections';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, findingBase, isoOf, newFindingId, s3BucketJson } from './finding-base';
import type { MacieFindingJson, SensitiveDataJson } from './types';

type Tag = { readonly key: string; readonly value: string };

interface MakeFindingInput {
  readonly bucket: string;
  /** Raw key, exactly as in S3. */
  readonly key: string;
  readonly type: SensitiveDataType;
  /** @default High for Credentials/Financial/Multiple, Medium for Personal/CustomIdentifier */
  readonly severity?: SeverityDescription;
  /** @default 1024 */
  readonly size?: number;
  /** Without quotes, as Macie sends it. @default random MD5-like hex */
  readonly eTag?: string;
  /** @default "" (unversioned bucket, as Macie reports it) */
  readonly versionId?: string;
  /** @default 111122223333 */
  readonly accountId?: string;
  /** @default us-east-1 */
  readonly region?: string;
  /** @default now */
  readonly createdAt?: Date | string;
  /** @default createdAt minus one hour */
  readonly lastModified?: Date | string;
  /** @default a fresh 32-hex id */
  readonly id?: string;
  readonly sample?: boolean;
  readonly archived?: boolean;
  /** @default STANDARD */
  readonly storageClass?: string;
  /** @default SSE-S3 (AES256) */
  readonly encryption?: { readonly type: string; readonly kmsKeyId?: string };
  readonly objectTags?: readonly Tag[];
  readonly bucketTags?: readonly Tag[];
  /** The discovery job; `null` means automated sensitive data discovery (no job). @default a fresh job id */
  readonly jobId?: string | null;
  /** Detections to report. @default examples that fit the type */
  readonly sensitiveData?: readonly SensitiveDataJson[];
  /** @default derived from the key's extension */
  readonly mimeType?: string;
}

const TEXTS: Readonly<Record<SensitiveDataType, readonly [string, string]>> = {
  'SensitiveData:S3Object/Credentials': [
    'The S3 object contains credentials data.',
    'The object contains credentials data such as AWS secret access keys or private keys.',
  ],
  'SensitiveData:S3Object/CustomIdentifier': [
    'The S3 object contains text that matches the detection criteria of a custom data identifier.',
    'The object contains text that matches the detection criteria of one or more custom data identifiers.',
  ],
  'SensitiveData:S3Object/Financial': [
    'The S3 object contains financial information.',
    'The object contains financial information such as bank account numbers or credit card numbers.',
  ],
  'SensitiveData:S3Object/Multiple': [
    'The S3 object contains multiple categories of sensitive data.',
    'The object contains more than one category of sensitive data.',
  ],
  'SensitiveData:S3Object/Personal': [
    'The S3 object contains personal information.',
    'The object contains personal information such as first or last names, addresses, or identification numbers.',
  ],
};

const DEFAULT_SEVERITY: Readonly<Record<SensitiveDataType, SeverityDescription>> = {
  'SensitiveData:S3Object/Credentials': 'High',
  'SensitiveData:S3Object/CustomIdentifier': 'Medium',
  'SensitiveData:S3Object/Financial': 'High',
  'SensitiveData:S3Object/Multiple': 'High',
  'SensitiveData:S3Object/Personal': 'Medium',
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  json: 'application/json',
  jsonl: 'application/json',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** `""` when the key has no extension, as Macie reports it. */
function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

function classificationDetails(input: MakeFindingInput, accountId: string, region: string, size: number) {
  const extension = extensionOf(input.key);
  const sensitiveData = input.sensitiveData ?? exampleSensitiveData(input.type, extension);
  const customDataIdentifiers = exampleCustomDetections(input.type, extension, accountId);
  const counts = [...sensitiveData.flatMap((s) => s.detections ?? []), ...customDataIdentifiers.detections];
  const jobId = input.jobId === undefined ? randomBytes(16).toString('hex') : input.jobId;
  const folder = jobId ?? 'automated-sensitive-data-discovery';
  return {
    jobArn: jobId === null ? null : `arn:aws:macie2:${region}:${accountId}:classification-job/${jobId}`,
    jobId,
    originType: jobId === null ? 'AUTOMATED_SENSITIVE_DATA_DISCOVERY' : 'SENSITIVE_DATA_DISCOVERY_JOB',
    detailedResultsLocation: `s3://macie-discovery-results-${accountId}/AWSLogs/${accountId}/Macie/${region}/${folder}/${accountId}/${randomUUID()}.jsonl.gz`,
    result: {
      status: { code: 'COMPLETE', reason: null },
      sizeClassified: size,
      mimeType: input.mimeType ?? MIME_TYPES[extension.toLowerCase()] ?? 'application/octet-stream',
      additionalOccurrences: counts.some((d) => (d?.count ?? 0) > MAX_LOCATIONS),
      sensitiveData,
      customDataIdentifiers,
    },
  };
}

/**
 * A complete sensitive-data finding as Macie publishes it (same shape as the shared samples), for the object
 * `bucket/key`. Everything not given gets a realistic default.
 *
 * @example makeFinding({ bucket: 'payroll', key: '2025/march.csv', type: 'SensitiveData:S3Object/Financial' })
 */
function makeFinding(input: MakeFindingInput): MacieFindingJson {
  const accountId = input.accountId ?? DEFAULT_ACCOUNT;
  const region = input.region ?? DEFAULT_REGION;
  const now = new Date();
  const createdAt = isoOf(input.createdAt, now);
  const size = input.size ?? 1024;
  const [title, description] = TEXTS[input.type];
  return {
    ...findingBase({
      id: input.id ?? newFindingId(),
      accountId,
      region,
      type: input.type,
      category: 'CLASSIFICATION',
      title,
      description,
      severity: input.severity ?? DEFAULT_SEVERITY[input.type],
      createdAt,
      count: 1,
      sample: input.sample ?? false,
      archived: input.archived ?? false,
    }),
    resourcesAffected: {
      s3Bucket: s3BucketJson(input.bucket, accountId, input.bucketTags),
      s3Object: {
        bucketArn: `arn:aws:s3:::${input.bucket}`,
        key: input.key,
        path: `${input.bucket}/${input.key}`,
        extension: extensionOf(input.key),
        lastModified: isoOf(input.lastModified, new Date(Date.parse(createdAt) - 3_600_000)),
        versionId: input.versionId ?? '',
        eTag: input.eTag ?? randomBytes(16).toString('hex'),
        serverSideEncryption: {
          encryptionType: input.encryption?.type ?? 'AES256',
          kmsMasterKeyId: input.encryption?.kmsKeyId ?? null,
        },
        size,
        storageClass: input.storageClass ?? 'STANDARD',
        tags: input.objectTags ?? [],
        publicAccess: false,
      },
    },
    classificationDetails: classificationDetails(input, accountId, region, size),
    policyDetails: null,
  };
}

export type { MakeFindingInput };
export { makeFinding };
