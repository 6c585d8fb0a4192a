import { createHash } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import type { MoveStep } from '../types/quarantine';
import { describeLocation } from './head-object';
import { attempt, StepFailure } from './StepFailure';

interface Digest {
  readonly sha256: string;
  readonly size: number;
}

/** SHA-256 of an object's bytes, streamed: memory stays flat whatever the size. */
async function digestObject(s3: S3Client, location: ObjectLocation, step: MoveStep): Promise<Digest> {
  const action = `GetObject ${describeLocation(location)}`;
  const output = await attempt(step, action, () =>
    s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId })),
  );
  const hash = createHash('sha256');
  let size = 0;
  const reader = output.Body?.transformToWebStream().getReader();
  try {
    if (reader) {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        hash.update(chunk.value);
        size += chunk.value.byteLength;
      }
    }
  } catch (err) {
    // A broken or corrupt transfer (reset connection, the SDK's response checksum check) is not a bug.
    throw new StepFailure(step, 'other', `${action} failed while reading: ${String(err)}`, err);
  }
  return { sha256: hash.digest('hex'), size };
}

export type { Digest };
export { digestObject };
