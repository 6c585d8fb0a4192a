import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { EngineContext } from './engine-context';
import { headObject, type ObjectSnapshot } from './head-object';
import { mapConcurrent } from './map-concurrent';
import { decodeProvenance } from './provenance';
import { versionsPrefix } from './quarantine-key';
import { attempt } from './StepFailure';

/** Version copies are few (one per same-bytes upload of a key): their metadata is read a few at a time. */
const HEAD_CONCURRENCY = 4;

/** The copies a sweep kept of each version it removed (none when it removed only the scanned one), oldest first. */
async function listVersionCopies(ctx: EngineContext, findingId: string): Promise<ObjectSnapshot[]> {
  const prefix = versionsPrefix(findingId);
  const page = await attempt('inspect', `ListObjectsV2 s3://${ctx.quarantineBucket}/${prefix}`, () =>
    ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.quarantineBucket, Prefix: prefix })),
  );
  const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
  const snapshots = await mapConcurrent(keys, HEAD_CONCURRENCY, (key) =>
    headObject(ctx.s3, { bucket: ctx.quarantineBucket, key }, 'inspect'),
  );
  const order = (s: ObjectSnapshot) => Number(decodeProvenance(s.metadata).versionOrder ?? 0);
  return snapshots.filter((s): s is ObjectSnapshot => s !== undefined).sort((a, b) => order(a) - order(b));
}

export { listVersionCopies };
