import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mapConcurrent } from '../../core/quarantine/map-concurrent';

const BODY = 'name,card\nJane Doe,4111 1111 1111 1111\n';

async function bucket(s3: S3Client, name: string, versioned: boolean): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  if (versioned) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return name;
}

/** `count` small objects holding a card number under `prefix`, with their ETags. */
async function seedObjects(s3: S3Client, source: string, prefix: string, count: number) {
  return mapConcurrent(
    Array.from({ length: count }, (_, i) => i),
    32,
    async (i) => {
      const key = `${prefix}/${String(i).padStart(6, '0')} record.csv`;
      const put = await s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: `${BODY}${key}\n` }));
      return { key, eTag: (put.ETag ?? '').replaceAll('"', '') };
    },
  );
}

export { bucket, seedObjects };
