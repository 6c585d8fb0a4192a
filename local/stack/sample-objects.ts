import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { LOCAL_NAMES } from './local-names';

/** The repository's sample files and where the demo puts them. */
const SAMPLE_OBJECTS = {
  financial: { file: 'dummy-financial-data.txt', key: 'finance/dummy-financial-data.txt' },
  personal: { file: 'dummy-personal-data.txt', key: 'hr/dummy-personal-data.txt' },
} as const;

/** The sample the demo puts into the member account's bucket. */
const MEMBER_SAMPLE = { file: 'dummy-personal-data.txt', key: 'payroll/dummy-personal-data.txt' } as const;

/** The demo's later files in the own bucket: one whose event is lost, one dismissed with its like. */
const DROPPED_EVENT_SAMPLE = { file: 'dummy-financial-data.txt', key: 'finance/q3-ledger-export.txt' } as const;
const SUPPRESSED_SAMPLE = { file: 'dummy-personal-data.txt', key: 'marketing/newsletter-signups.txt' } as const;
/** One a reviewer seals in place instead of quarantining; one under the local stack's exempt prefix. */
const SEALED_SAMPLE = { file: 'dummy-personal-data.txt', key: 'hr/benefits-enrolment.txt' } as const;
const EXEMPT_SAMPLE = {
  file: 'dummy-personal-data.txt',
  key: `${LOCAL_NAMES.exemptPrefix}dummy-personal-data.txt`,
} as const;

const SAMPLES_DIR = join(__dirname, '..', '..', 'samples');

interface Sample {
  readonly file: string;
  readonly key: string;
}

/** The bytes of a sample file, as uploaded. */
const sampleBytes = (sample: Sample): Buffer => readFileSync(join(SAMPLES_DIR, sample.file));

/** Puts one sample file into `bucket`; resolves to its key and the ETag S3 answered. */
async function uploadSample(s3: S3Client, bucket: string, sample: Sample): Promise<{ key: string; eTag: string }> {
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: sample.key,
      Body: sampleBytes(sample),
      ContentType: 'text/plain',
    }),
  );
  return { key: sample.key, eTag: put.ETag ?? '' };
}

/**
 * Puts both sample files into `bucket`; on the local stack, Macie's discovery then finds them (and may move
 * one before this resolves). Resolves to the key and ETag S3 answered for each.
 */
async function uploadSamples(s3: S3Client, bucket: string): Promise<{ key: string; eTag: string }[]> {
  const uploaded: { key: string; eTag: string }[] = [];
  for (const sample of Object.values(SAMPLE_OBJECTS)) uploaded.push(await uploadSample(s3, bucket, sample));
  return uploaded;
}

export {
  DROPPED_EVENT_SAMPLE,
  EXEMPT_SAMPLE,
  MEMBER_SAMPLE,
  SAMPLE_OBJECTS,
  SEALED_SAMPLE,
  SUPPRESSED_SAMPLE,
  sampleBytes,
  uploadSample,
  uploadSamples,
};
