import * as z from 'zod/mini';
import type { Finding, FindingObject, SensitiveDataCount } from '../types/finding';
import '../zod-messages';

const text = z.string().check(z.minLength(1, 'must not be empty'));
const count = z.int().check(z.nonnegative());

/** EventBridge sends ISO-8601 strings, the SDK `Date` objects: both become one ISO string. */
const isoDate = z.pipe(
  z.union([z.string(), z.date()], { error: 'must be an ISO-8601 date-time' }),
  z.transform((value: string | Date, ctx) => {
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
  }),
);

const s3ObjectSchema = z.object({
  key: text,
  versionId: z.nullish(z.string()),
  eTag: z.nullish(z.string()),
  size: z.nullish(count),
  storageClass: z.nullish(z.string()),
  serverSideEncryption: z.nullish(
    z.object({ encryptionType: z.nullish(z.string()), kmsMasterKeyId: z.nullish(z.string()) }),
  ),
  tags: z.nullish(z.array(z.object({ key: z.string(), value: z.nullish(z.string()) }))),
});

const sensitiveDataSchema = z.object({
  category: text,
  totalCount: z.nullish(count),
  detections: z.nullish(z.array(z.object({ type: text, count: z.nullish(count) }))),
});

/** The fields the engine relies on; everything else Macie sends is dropped. */
const rawFindingSchema = z.object({
  id: text,
  accountId: text,
  partition: z.nullish(z.string()),
  region: text,
  type: text,
  category: z.enum(['CLASSIFICATION', 'POLICY']),
  title: z.nullish(z.string()),
  description: z.nullish(z.string()),
  severity: z.object({ description: z.enum(['Low', 'Medium', 'High']), score: z.literal([1, 2, 3]) }),
  createdAt: isoDate,
  archived: z.nullish(z.boolean()),
  sample: z.nullish(z.boolean()),
  resourcesAffected: z.nullish(
    z.object({
      s3Bucket: z.nullish(z.object({ name: z.nullish(z.string()) })),
      s3Object: z.nullish(s3ObjectSchema),
    }),
  ),
  classificationDetails: z.nullish(
    z.object({
      jobId: z.nullish(z.string()),
      originType: z.nullish(z.string()),
      result: z.nullish(
        z.object({
          sensitiveData: z.nullish(z.array(sensitiveDataSchema)),
          customDataIdentifiers: z.nullish(z.object({ totalCount: z.nullish(count) })),
        }),
      ),
    }),
  ),
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
    tags: raw.tags && raw.tags.length > 0 ? raw.tags.map((t) => ({ key: t.key, value: t.value ?? '' })) : undefined,
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
const findingSchema = z.pipe(
  rawFindingSchema.check(
    z.superRefine((raw, ctx) => {
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
    }),
  ),
  z.transform(toFinding),
);

export { findingSchema };
