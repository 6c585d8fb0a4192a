import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type PutObjectCommandOutput,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { QuarantineEngine, type QuarantineEngineOptions } from '../../../../core/quarantine';
import type { QuarantineTarget } from '../../../../core/types';
import { motoS3, motoUrl, testCredentials, uniqueName } from '../../../support/aws';

const NOW = new Date('2026-11-27T10:00:00.000Z');
/** The scanned object's bytes: what every move, seal and tag here must keep readable. */
const SCANNED = 'name,iban\nAda,DE89370400440532013000\n';
/** The sample account's KMS keys: the quarantine key seals; the application's encrypted the object first. */
const QUARANTINE_KEY = 'arn:aws:kms:us-east-1:111122223333:key/quarantine-seal';
const APP_KEY = 'arn:aws:kms:us-east-1:111122223333:key/app-data';

/** A fault rule's filter: the calls on `bucket`. */
const inBucket = (bucket: string) => (input: Readonly<Record<string, unknown>>) => input.Bucket === bucket;
const MiB = 1024 * 1024;

async function createBucket(s3: S3Client, prefix: string, versioned = false): Promise<string> {
  const bucket = uniqueName(prefix);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  if (versioned) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return bucket;
}

async function putObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string | Uint8Array,
  extra: Partial<PutObjectCommandInput> = {},
): Promise<PutObjectCommandOutput> {
  return s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
}

/**
 * An object uploaded in two parts without checksums, as older tools did: neither a checksum nor the ETag
 * can tell its copy's bytes apart, so verification reads both back. `as`: another moto, with that client's credentials.
 */
async function putLegacyMultipart(
  bucket: string,
  key: string,
  as?: { readonly endpoint: string; readonly client: S3Client },
): Promise<void> {
  const plain = new S3Client({
    region: 'us-east-1',
    endpoint: as?.endpoint ?? motoUrl(),
    credentials: as?.client.config.credentials ?? testCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const upload = await plain.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const parts = [];
  for (const [i, body] of [Buffer.alloc(5 * MiB, 1), Buffer.from('tail')].entries()) {
    const part = await plain.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: upload.UploadId, PartNumber: i + 1, Body: body }),
    );
    parts.push({ PartNumber: i + 1, ETag: part.ETag });
  }
  await plain.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: upload.UploadId,
      MultipartUpload: { Parts: parts },
    }),
  );
  plain.destroy();
}

function isMissing(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}

/** The object's bytes, or undefined when it (or that version) cannot be read. */
async function readBytes(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<Buffer | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

async function readText(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<string | undefined> {
  return (await readBytes(s3, bucket, key, versionId))?.toString('utf8');
}

async function head(s3: S3Client, bucket: string, key: string): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

async function tagsOf(s3: S3Client, bucket: string, key: string, versionId?: string) {
  const out = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value]));
}

/** Every version and delete marker of exactly `key`. */
async function versionsOf(s3: S3Client, bucket: string, key: string) {
  const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  return {
    versions: (out.Versions ?? []).filter((v) => v.Key === key),
    deleteMarkers: (out.DeleteMarkers ?? []).filter((m) => m.Key === key),
  };
}

function newEngine(s3: S3Client, quarantineBucket: string, options: Partial<QuarantineEngineOptions> = {}) {
  return new QuarantineEngine({ s3, quarantineBucket, clock: () => NOW, ...options });
}

function target(
  findingId: string,
  bucket: string,
  key: string,
  source: Partial<QuarantineTarget['source']> = {},
  extra: Partial<QuarantineTarget> = {},
): QuarantineTarget {
  return { findingId, source: { bucket, key, ...source }, actor: 'cli:tester', ...extra };
}

interface QuarantineBucket {
  readonly s3: S3Client;
  readonly quarantineBucket: string;
  /** Another client of the same account: what other writers use, so race hooks on `s3` do not meet their calls. */
  readonly other: S3Client;
}

/**
 * What every engine suite runs against: a moto S3 client and a versioned quarantine bucket (the engine's
 * verification and restore rely on versions), opened once before the suite and the client destroyed after.
 * `onOpen` hands both to the suite's own variables, so its tests read `s3` and `quarantineBucket` as before.
 */
function useQuarantineBucket(onOpen: (opened: QuarantineBucket) => void): void {
  const clients: S3Client[] = [];
  beforeAll(async () => {
    const [s3, other] = [motoS3(), motoS3()];
    clients.push(s3, other);
    onOpen({ s3, other, quarantineBucket: await createBucket(s3, 'quarantine', true) });
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });
}

const findingId = (): string => uniqueName('finding').replace('-', '');

export {
  APP_KEY,
  createBucket,
  findingId,
  head,
  inBucket,
  MiB,
  NOW,
  newEngine,
  putLegacyMultipart,
  putObject,
  QUARANTINE_KEY,
  readBytes,
  readText,
  SCANNED,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
};
