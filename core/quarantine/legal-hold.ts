import { PutObjectLegalHoldCommand } from '@aws-sdk/client-s3';
import type { LegalHoldResult } from '../types/quarantine';
import type { EngineContext } from './engine-context';
import { listPrefixVersions } from './list-versions';
import { findingPrefix } from './quarantine-key';
import { attempt, StepFailure, toFailure } from './StepFailure';

/** Said instead of S3's NotImplemented, so an operator on a store without Object Lock (s3rver) knows why. */
const NO_OBJECT_LOCK = 'the quarantine bucket cannot hold objects: its store does not support S3 Object Lock';

/**
 * Puts a legal hold on (`ON`), or takes it off (`OFF`), every version under the finding's prefix: its
 * copy and the copies of the versions a move removed, so none of them can be deleted while held.
 * Pinned by version id: a hold on "the current version" would miss the others.
 */
async function setLegalHold(ctx: EngineContext, findingId: string, status: 'ON' | 'OFF'): Promise<LegalHoldResult> {
  const bucket = ctx.quarantineBucket;
  let changed = 0;
  try {
    const listed = await listPrefixVersions(ctx.s3, bucket, findingPrefix(findingId), 'hold');
    const versions = listed.filter((version) => !version.deleteMarker);
    if (versions.length === 0) {
      return { outcome: 'SOURCE_MISSING', reason: `no copy of finding ${findingId} in s3://${bucket}` };
    }
    for (const version of versions) {
      await attempt('hold', `PutObjectLegalHold s3://${bucket}/${version.key} (version ${version.versionId})`, () =>
        ctx.s3.send(
          new PutObjectLegalHoldCommand({
            Bucket: bucket,
            Key: version.key,
            VersionId: version.versionId,
            LegalHold: { Status: status },
          }),
        ),
      );
      changed += 1;
    }
    ctx.logger.info('legal hold set', { findingId, status, versions: versions.length });
    return { outcome: status === 'ON' ? 'HELD' : 'RELEASED', versions: versions.length };
  } catch (err) {
    if (err instanceof StepFailure && err.kind === 'unsupported') {
      return { outcome: 'FAILED', reason: `${NO_OBJECT_LOCK} (${err.message})`, step: 'hold', changed };
    }
    return { ...toFailure(err), changed };
  }
}

export { setLegalHold };
