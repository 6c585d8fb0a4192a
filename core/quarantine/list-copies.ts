import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { QuarantinedCopy } from '../types/quarantine';
import type { EngineContext } from './engine-context';
import { readCopy } from './locate-copy';
import { mapConcurrent } from './map-concurrent';
import { parseQuarantineKey } from './quarantine-key';
import { attempt } from './StepFailure';

/** Concurrent HeadObject calls per listed page: the provenance (actor, time, version) lives in metadata. */
const HEAD_CONCURRENCY = 8;

/** Every copy in the quarantine bucket, one ListObjectsV2 page (up to 1,000 keys) at a time. */
async function* listCopies(ctx: EngineContext): AsyncGenerator<QuarantinedCopy> {
  let token: string | undefined;
  do {
    const page = await attempt('inspect', `ListObjectsV2 s3://${ctx.quarantineBucket}`, () =>
      ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.quarantineBucket, ContinuationToken: token })),
    );
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key && parseQuarantineKey(o.Key) ? [o.Key] : []));
    const copies = await mapConcurrent(keys, HEAD_CONCURRENCY, (key) => readCopy(ctx, key, 'inspect'));
    for (const copy of copies) if (copy) yield copy;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export { listCopies };
