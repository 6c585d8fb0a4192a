import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../types/outcome';
import type { QuarantinedCopy } from '../types/quarantine';
import type { EngineContext } from './engine-context';
import { headObject, type ObjectSnapshot } from './head-object';
import { objectClients } from './object-clients';
import { restoreReceiptKey } from './quarantine-key';
import { attempt, StepFailure } from './StepFailure';

/**
 * What a finished restore leaves in quarantine in place of the copy it removed: written once the restored
 * object is verified, before the copy goes, so a run killed after the copy is gone (or whose last delete's
 * reply was lost) finds it when run again and reports RESTORED instead of "no quarantined copy". It lives
 * beside the copy rather than on the restored object, whose metadata stays exactly as before the move.
 */
interface RestoreReceipt {
  readonly copy: QuarantinedCopy;
  /** The restored object as verified: its identity, to tell whether the key still holds it. */
  readonly restored: ObjectLocation & { readonly eTag: string; readonly size: number };
  readonly restoredAt: string;
  readonly actor: string;
}

async function writeRestoreReceipt(
  ctx: EngineContext,
  copy: QuarantinedCopy,
  restored: ObjectSnapshot,
  actor: string,
): Promise<void> {
  const { bucket, key, versionId, eTag, size } = restored;
  const receipt: RestoreReceipt = {
    copy,
    restored: { bucket, key, ...(versionId ? { versionId } : {}), eTag, size },
    restoredAt: ctx.clock().toISOString(),
    actor,
  };
  const receiptKey = restoreReceiptKey(copy.findingId);
  await attempt('verify', `PutObject s3://${ctx.quarantineBucket}/${receiptKey}`, () =>
    ctx.s3.send(
      new PutObjectCommand({
        Bucket: ctx.quarantineBucket,
        Key: receiptKey,
        Body: JSON.stringify(receipt),
        ContentType: 'application/json',
        ...(ctx.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: ctx.kmsKeyId } : {}),
      }),
    ),
  );
}

/**
 * The receipt of a finished restore of this finding, if the restored object is still what the key holds;
 * undefined otherwise (never restored, or the key was rewritten or moved again since).
 */
async function readRestoreReceipt(ctx: EngineContext, findingId: string): Promise<RestoreReceipt | undefined> {
  const receiptKey = restoreReceiptKey(findingId);
  let text: string;
  try {
    const output = await attempt('inspect', `GetObject s3://${ctx.quarantineBucket}/${receiptKey}`, () =>
      ctx.s3.send(new GetObjectCommand({ Bucket: ctx.quarantineBucket, Key: receiptKey })),
    );
    text = (await output.Body?.transformToString()) ?? '';
  } catch (err) {
    if (err instanceof StepFailure && (err.kind === 'not-found' || err.kind === 'no-bucket')) return undefined;
    throw err;
  }
  const receipt = parseReceipt(text);
  // A receipt that does not read (cut short, edited) proves nothing: as if there were none.
  if (!receipt) return undefined;
  const { bucket, key, eTag, size } = receipt.restored;
  const { account, region } = receipt.copy.source;
  const { source } = await objectClients(ctx, account, region);
  const current = await headObject(source, { bucket, key }, 'inspect');
  return current?.eTag === eTag && current.size === size ? receipt : undefined;
}

function parseReceipt(text: string): RestoreReceipt | undefined {
  try {
    const receipt = JSON.parse(text) as Partial<RestoreReceipt> | null;
    const restored = receipt?.restored;
    const readable =
      typeof restored?.bucket === 'string' &&
      typeof restored.key === 'string' &&
      typeof restored.eTag === 'string' &&
      typeof restored.size === 'number';
    return readable ? (receipt as RestoreReceipt) : undefined;
  } catch {
    return undefined;
  }
}

export type { RestoreReceipt };
export { readRestoreReceipt, writeRestoreReceipt };
