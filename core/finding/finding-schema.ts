import * as z from 'zod';
import type { Finding, FindingObject, SensitiveDataCount } from '../types/finding';

const text = z.string().min(1, 'must not be empty');
const count = z.number().int().nonnegative();

/** EventBridge sends ISO-8601 strings, the SDK `Date` objects: both become one ISO string. */
const isoDate = z.union([z.string(), z.date()], { error: 'must be an ISO-8601 date-time' }).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.issues.push({
      code: 'custom',
      message: `must be an ISO-8601 date-time (got ${JSON.stringify(value)})`,
      input: value,
    });
    return z.NEVER;
  }
  return date.toISOString();
});

const s3ObjectSchema = z.object({
  key: text,
  versionId: z.string().nullish(),
  eTag: z.string().nullish(),
  size: count.nullish(),
  storageClass: z.string().nullish(),
  serverSideEncryption: z
    .object({ encryptionType: z.string().nullish(), kmsMasterKeyId: z.string().nullish() })
    .nullish(),
});

const sensitiveDataSchema = z.object({
  category: text,
  totalCount: count.nullish(),
  detections: z.array(z.object({ type: text, count: count.nullish() })).nullish(),
});

/** The fields the engine relies on; everything else Macie sends is dropped. */
const rawFindingSchema = z.object({
  id: text,
  accountId: text,
  partition: z.string().nullish(),
  region: text,
  type: text,
  category: z.enum(['CLASSIFICATION', 'POLICY']),
  title: z.string().nullish(),
  description: z.string().nullish(),
  severity: z.object({ description: z.enum(['Low', 'Medium', 'High']), score: z.literal([1, 2, 3]) }),
  createdAt: isoDate,
  archived: z.boolean().nullish(),
  sample: z.boolean().nullish(),
  resourcesAffected: z
    .object({
      s3Bucket: z.object({ name: z.string().nullish() }).nullish(),
      s3Object: s3ObjectSchema.nullish(),
    })
    .nullish(),
  classificationDetails: z
    .object({
      jobId: z.string().nullish(),
      originType: z.string().nullish(),
      result: z
        .object({
          sensitiveData: z.array(sensitiveDataSchema).nullish(),
          customDataIdentifiers: z.object({ totalCount: count.nullish() }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

type RawFinding = z.output<typeof rawFindingSchema>;
type RawS3Object = z.output<typeof s3ObjectSchema>;
type RawSensitiveData = z.output<typeof sensitiveDataSchema>;

/** Macie sends `""` for the version of an object in an unversioned bucket and `null` for unknowns. */
const present = (value: string | null | undefined): string | undefined => (value ? value : undefined);

/** Macie's ETag has no quotes, S3's has: store it unquoted so both compare. */
const unquote = (eTag: string | null | undefined): string | undefined => present(eTag?.replace(/^"(.*)"$/, '$1'));

/** Drops undefined members: the ledger's DynamoDB marshalling rejects them, and parsed findings compare equal. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function toObject(bucket: string, raw: RawS3Object): FindingObject {
  return withoutUndefined<FindingObject>({
    bucket,
    key: raw.key,
    versionId: present(raw.versionId),
    eTag: unquote(raw.eTag),
    size: raw.size ?? undefined,
    storageClass: present(raw.storageClass),
    encryptionType: present(raw.serverSideEncryption?.encryptionType),
    kmsKeyId: present(raw.serverSideEncryption?.kmsMasterKeyId),
  });
}

function toSensitiveData(raw: RawSensitiveData): SensitiveDataCount {
  const detections = (raw.detections ?? []).map((d) => ({ type: d.type, count: d.count ?? 0 }));
  return {
    category: raw.category,
    totalCount: raw.totalCount ?? detections.reduce((sum, d) => sum + d.count, 0),
    detections,
  };
}

function toFinding(raw: RawFinding): Finding {
  const bucket = raw.resourcesAffected?.s3Bucket?.name;
  const s3Object = raw.resourcesAffected?.s3Object;
  const result = raw.classificationDetails?.result;
  return withoutUndefined<Finding>({
    id: raw.id,
    accountId: raw.accountId,
    region: raw.region,
    partition: present(raw.partition) ?? 'aws',
    type: raw.type,
    category: raw.category,
    title: raw.title ?? '',
    description: raw.description ?? '',
    severity: raw.severity,
    createdAt: raw.createdAt,
    archived: raw.archived ?? false,
    sample: raw.sample ?? false,
    object: bucket && s3Object ? toObject(bucket, s3Object) : undefined,
    sensitiveData: (result?.sensitiveData ?? []).map(toSensitiveData),
    customIdentifierCount: result?.customDataIdentifiers?.totalCount ?? 0,
    jobId: present(raw.classificationDetails?.jobId),
    originType: present(raw.classificationDetails?.originType),
  });
}

/**
 * A Macie finding (EventBridge `detail` JSON or a GetFindings SDK object) → {@link Finding}.
 * Sensitive-data findings must name their bucket and object; policy findings have neither.
 */
const findingSchema = rawFindingSchema
  .superRefine((raw, ctx) => {
    if (raw.category !== 'CLASSIFICATION') return;
    if (!raw.resourcesAffected?.s3Bucket?.name)
      ctx.addIssue({
        code: 'custom',
        path: ['resourcesAffected', 's3Bucket', 'name'],
        message: 'is missing (a sensitive-data finding names its bucket)',
      });
    if (!raw.resourcesAffected?.s3Object)
      ctx.addIssue({
        code: 'custom',
        path: ['resourcesAffected', 's3Object'],
        message: 'is missing (a sensitive-data finding names its S3 object)',
      });
  })
  .transform(toFinding);

export { findingSchema };
