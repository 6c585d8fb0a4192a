import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { findingsForBucket } from '../macie/findings-for-bucket';
import type { MacieStandIn } from '../macie/MacieStandIn';
import type { MacieFindingJson } from '../macie/types';

/** The repository's sample files and where the demo puts them (keys s3rver can copy: no `+`, `?` or `#`). */
const SAMPLE_OBJECTS = {
  financial: { file: 'dummy-financial-data.txt', key: 'finance/dummy-financial-data.txt' },
  personal: { file: 'dummy-personal-data.txt', key: 'hr/dummy-personal-data.txt' },
} as const;

const SAMPLES_DIR = join(__dirname, '..', '..', 'samples');

/** Puts both sample files into `bucket`. */
async function uploadSamples(s3: S3Client, bucket: string): Promise<void> {
  for (const sample of Object.values(SAMPLE_OBJECTS)) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: sample.key,
        Body: readFileSync(join(SAMPLES_DIR, sample.file)),
        ContentType: 'text/plain',
      }),
    );
  }
}

/** "Runs a discovery job" over `bucket`: the Macie stand-in classifies its objects and publishes the findings. */
async function scanBucket(s3: S3Client, macie: MacieStandIn, bucket: string): Promise<MacieFindingJson[]> {
  const findings = await findingsForBucket(s3, bucket);
  macie.add(...findings);
  return findings;
}

export { SAMPLE_OBJECTS, scanBucket, uploadSamples };
