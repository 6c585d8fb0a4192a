import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { type Classifier, classifyContent } from './classify-content';
import { makeFinding } from './make-finding';
import type { MacieFindingJson } from './types';

/** Only the start of an object is read for classification. */
const READ_BYTES = 1024 * 1024;

interface FindingsForBucketOptions {
  /** @default classifyContent (see its rules) */
  readonly classify?: Classifier;
  readonly prefix?: string;
  readonly accountId?: string;
  readonly region?: string;
  /** @default now */
  readonly createdAt?: Date | string;
}

async function readText(s3: S3Client, bucket: string, key: string, size: number): Promise<string> {
  // S3 answers 416 to a range on an empty object.
  if (size === 0) return '';
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${READ_BYTES - 1}` }));
  return (await object.Body?.transformToString('utf8')) ?? '';
}

/**
 * "Scans" a bucket like a Macie discovery job: lists the objects (ListObjectsV2), reads each one's metadata
 * (HeadObject) and first MiB, classifies it, and returns one sensitive-data finding per object that
 * classifies, carrying the object's real ETag, version id, size, storage class and encryption. The caller adds
 * them to a MacieStandIn.
 */
async function findingsForBucket(
  s3: S3Client,
  bucket: string,
  options: FindingsForBucketOptions = {},
): Promise<MacieFindingJson[]> {
  const classify = options.classify ?? classifyContent;
  const findings: MacieFindingJson[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: options.prefix })) {
    for (const listed of page.Contents ?? []) {
      const key = listed.Key;
      if (key === undefined) continue;
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const size = head.ContentLength ?? listed.Size ?? 0;
      const classification = classify({ key, text: await readText(s3, bucket, key, size) });
      if (!classification) continue;
      findings.push(
        makeFinding({
          bucket,
          key,
          type: classification.type,
          sensitiveData: classification.sensitiveData.length > 0 ? classification.sensitiveData : undefined,
          size,
          eTag: head.ETag?.replace(/"/g, ''),
          // Macie reports "" for unversioned buckets; S3 answers "null" for objects written before versioning.
          versionId: head.VersionId && head.VersionId !== 'null' ? head.VersionId : '',
          storageClass: head.StorageClass ?? 'STANDARD',
          encryption: { type: head.ServerSideEncryption ?? 'NONE', kmsKeyId: head.SSEKMSKeyId },
          lastModified: head.LastModified,
          accountId: options.accountId,
          region: options.region,
          createdAt: options.createdAt,
        }),
      );
    }
  }
  return findings;
}

export type { FindingsForBucketOptions };
export { findingsForBucket };
