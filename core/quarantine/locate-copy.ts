import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { MoveStep, QuarantinedCopy } from '../types/quarantine';
import { describeCopy } from './describe-copy';
import type { EngineContext } from './engine-context';
import { headObject } from './head-object';
import { findingPrefix, parseQuarantineKey } from './quarantine-key';
import { attempt } from './StepFailure';

/** The key of a finding's copy: one ListObjectsV2 on the finding's prefix (a finding names one object). */
async function findCopyKey(ctx: EngineContext, findingId: string, step: MoveStep): Promise<string | undefined> {
  const prefix = findingPrefix(findingId);
  // No MaxKeys: s3rver fails on continuation tokens, which a truncated page would need.
  const page = await attempt(step, `ListObjectsV2 s3://${ctx.quarantineBucket}/${prefix}`, () =>
    ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.quarantineBucket, Prefix: prefix })),
  );
  return page.Contents?.find((object) => object.Key && parseQuarantineKey(object.Key))?.Key;
}

/** One quarantined copy, read from its key and metadata; undefined when it is gone or not ours. */
async function readCopy(ctx: EngineContext, key: string, step: MoveStep): Promise<QuarantinedCopy | undefined> {
  const snapshot = await headObject(ctx.s3, { bucket: ctx.quarantineBucket, key }, step);
  return snapshot && describeCopy(snapshot);
}

async function locateCopy(ctx: EngineContext, findingId: string): Promise<QuarantinedCopy | undefined> {
  const key = await findCopyKey(ctx, findingId, 'inspect');
  return key === undefined ? undefined : readCopy(ctx, key, 'inspect');
}

export { findCopyKey, locateCopy, readCopy };
