import { PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { TaggedLocation, TagResult, TagTarget, UntagResult, UntagTarget } from '../types/quarantine';
import type { EngineContext } from './engine-context';
import { describeLocation, headObject, type ObjectSnapshot } from './head-object';
import { assertTarget, checkStale, describeMissing, sourceOf } from './inspect-source';
import { objectClients } from './object-clients';
import { type ObjectTag, readTags } from './object-tags';
import { attempt, toFailure } from './StepFailure';

/** S3's limit on the tags of one object. */
const MAX_TAGS = 10;

async function putTags(s3: S3Client, object: ObjectSnapshot, tags: readonly ObjectTag[]): Promise<void> {
  await attempt('tag', `PutObjectTagging ${describeLocation(object)}`, () =>
    s3.send(
      new PutObjectTaggingCommand({
        Bucket: object.bucket,
        Key: object.key,
        // The version HeadObject saw, even when the target named none: a writer's newer object is not tagged.
        VersionId: object.versionId,
        Tagging: { TagSet: tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
      }),
    ),
  );
}

function taggedLocation(object: ObjectSnapshot, source: TagTarget['source'] | UntagTarget['source']): TaggedLocation {
  const { account, region } = source;
  return {
    bucket: object.bucket,
    key: object.key,
    ...(object.versionId ? { versionId: object.versionId } : {}),
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
  };
}

/**
 * Merges one tag into the scanned version's tag set; nothing moves. S3 has no conditional tagging, so a
 * tag another writer sets between the read and the write here is lost; the remediator is the only writer
 * of this key's tags in practice.
 */
async function tagObject(ctx: EngineContext, target: TagTarget): Promise<TagResult> {
  assertTarget(target);
  const source = sourceOf(target);
  try {
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    const object = await headObject(clients.source, source, 'inspect');
    if (!object) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, source) };
    const stale = checkStale(target, source, object, 'tags');
    if (stale) return stale;
    const location = taggedLocation(object, target.source);
    const tags = await readTags(clients.source, object, 'inspect');
    const ours = { Key: target.tag.key, Value: target.tag.value };
    if (tags.some((t) => t.Key === ours.Key && t.Value === ours.Value)) return { outcome: 'ALREADY_TAGGED', location };
    const others = tags.filter((t) => t.Key !== ours.Key);
    if (others.length >= MAX_TAGS) {
      return {
        outcome: 'FAILED',
        step: 'tag',
        reason: `${describeLocation(object)} already carries ${MAX_TAGS} tags, S3's limit: remove one, or quarantine or seal it instead`,
      };
    }
    await putTags(clients.source, object, [...others, ours]);
    ctx.logger.info('tagged', { findingId: target.findingId, location: describeLocation(object), tag: ours.Key });
    return { outcome: 'TAGGED', location };
  } catch (err) {
    return toFailure(err);
  }
}

/** Takes our tag off, only while it still has our value: a value someone set since is theirs to keep. */
async function untagObject(ctx: EngineContext, target: UntagTarget): Promise<UntagResult> {
  const source = sourceOf(target);
  try {
    const clients = await objectClients(ctx, target.source.account, target.source.region);
    const object = await headObject(clients.source, source, 'inspect');
    if (!object) return { outcome: 'SOURCE_MISSING', reason: await describeMissing(clients.source, source) };
    const location = taggedLocation(object, target.source);
    const tags = await readTags(clients.source, object, 'inspect');
    const ours = (t: ObjectTag) => t.Key === target.tag.key && t.Value === target.tag.value;
    if (tags.some(ours)) {
      await putTags(
        clients.source,
        object,
        tags.filter((t) => !ours(t)),
      );
      ctx.logger.info('untagged', {
        findingId: target.findingId,
        location: describeLocation(object),
        tag: target.tag.key,
      });
    }
    return { outcome: 'RESTORED', location };
  } catch (err) {
    return toFailure(err);
  }
}

export { tagObject, untagObject };
