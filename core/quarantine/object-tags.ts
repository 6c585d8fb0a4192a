import { GetObjectTaggingCommand, PutObjectTaggingCommand, type S3Client, type Tag } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import type { MoveStep } from '../types/quarantine';
import { describeLocation } from './head-object';
import { attempt } from './StepFailure';

interface ObjectTag {
  readonly Key: string;
  readonly Value: string;
}

async function readTags(s3: S3Client, location: ObjectLocation, step: MoveStep): Promise<ObjectTag[]> {
  const output = await attempt(step, `GetObjectTagging ${describeLocation(location)}`, () =>
    s3.send(new GetObjectTaggingCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId })),
  );
  return (output.TagSet ?? []).map((tag: Tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}

/** The `x-amz-tagging` form (`k=v&k2=v2`), percent-encoded: spaces as %20, not `+`. */
function encodeTagging(tags: readonly ObjectTag[]): string | undefined {
  if (tags.length === 0) return undefined;
  return tags.map((t) => `${encodeURIComponent(t.Key)}=${encodeURIComponent(t.Value)}`).join('&');
}

function sameTags(a: readonly ObjectTag[], b: readonly ObjectTag[]): boolean {
  const canonical = (tags: readonly ObjectTag[]) =>
    JSON.stringify([...tags].map((t) => [t.Key, t.Value]).sort(([x], [y]) => String(x).localeCompare(String(y))));
  return canonical(a) === canonical(b);
}

/**
 * Makes sure a fresh copy carries the source's tags. S3 and moto apply the tags sent with the copy, but
 * s3rver (the local demo's store) drops them, so check and set them when they are missing.
 */
async function ensureTags(s3: S3Client, location: ObjectLocation, tags: readonly ObjectTag[]): Promise<void> {
  if (tags.length === 0) return;
  if (sameTags(await readTags(s3, location, 'tag'), tags)) return;
  await attempt('tag', `PutObjectTagging ${describeLocation(location)}`, () =>
    s3.send(
      new PutObjectTaggingCommand({
        Bucket: location.bucket,
        Key: location.key,
        VersionId: location.versionId,
        Tagging: { TagSet: tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
      }),
    ),
  );
}

export type { ObjectTag };
export { encodeTagging, ensureTags, readTags, sameTags };
