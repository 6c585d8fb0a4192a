import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { failOn, recordCalls } from '../../support/fault-injection';
import {
  createBucket,
  findingId,
  head,
  MiB,
  newEngine,
  putLegacyMultipart,
  putObject,
  readText,
  target,
  useQuarantineBucket,
} from './support/s3-fixtures';

const X = 'name,iban\nAda,DE89370400440532013000\n';

/**
 * A run killed at any S3 call (the call never sent, or sent and its reply lost) and then run again must
 * finish: the object ends in exactly one place with its bytes, and readers of the key never see other
 * bytes than before (only absent).
 */
describe('QuarantineEngine killed at every call, then run again (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  const findingKeys = async (id: string) =>
    (await s3.send(new ListObjectsV2Command({ Bucket: quarantineBucket, Prefix: `${id}/` }))).Contents ?? [];

  /** Unversioned: one object. Versioned: v1 = X (scanned), v2 = Y, v3 = X (current), so the sweep does everything. */
  async function prepare(versioned: boolean) {
    const bucket = await createBucket(s3, versioned ? 'vsrc' : 'src', versioned);
    const v1 = await putObject(s3, bucket, 'doc.csv', X, { Metadata: { upload: 'first' } });
    if (versioned) {
      await putObject(s3, bucket, 'doc.csv', 'other bytes');
      await putObject(s3, bucket, 'doc.csv', X, { Metadata: { upload: 'third' } });
    }
    const id = findingId();
    const move = target(id, bucket, 'doc.csv', versioned ? { versionId: v1.VersionId } : {});
    return { bucket, id, move, expectedMetadata: { upload: versioned ? 'third' : 'first' } };
  }

  async function callCount(versioned: boolean, direction: 'quarantine' | 'restore'): Promise<number> {
    const { id, move } = await prepare(versioned);
    const engine = newEngine(s3, quarantineBucket);
    if (direction === 'restore') await engine.quarantine(move);
    const recording = recordCalls(s3);
    if (direction === 'quarantine') await engine.quarantine(move);
    else await engine.restore({ findingId: id, actor: 'cli:tester' });
    recording.remove();
    return recording.calls.length;
  }

  // Each of these runs the move or restore once per S3 call, twice (never sent, reply lost), on moto: dozens
  // of runs in one test, so they get a budget that fits a busy 2-core machine.
  const KILL_EVERY_CALL_BUDGET_MS = 300_000;

  for (const versioned of [false, true]) {
    const kind = versioned ? 'versioned' : 'unversioned';

    it(
      `finishes a move killed at any call (${kind} source)`,
      async () => {
        const calls = await callCount(versioned, 'quarantine');
        for (let nth = 1; nth <= calls; nth++) {
          for (const when of ['before', 'after'] as const) {
            // Prepare
            const { bucket, id, move } = await prepare(versioned);
            const engine = newEngine(s3, quarantineBucket);
            const fault = failOn(s3, { nth, when });

            // Act
            await engine.quarantine(move);
            fault.remove();
            const readDuringCrash = await readText(s3, bucket, 'doc.csv');
            const rerun = await engine.quarantine(move);

            // Assess
            const where = `${kind}, call ${nth} ${when}`;
            expect({ where, read: readDuringCrash === undefined || readDuringCrash === X }).toEqual({
              where,
              read: true,
            });
            expect({ where, outcome: rerun.outcome }).toEqual({
              where,
              outcome: expect.stringMatching(/^(ALREADY_)?QUARANTINED$/),
            });
            expect({ where, read: await readText(s3, bucket, 'doc.csv') }).toEqual({ where, read: undefined });
            expect({ where, copy: await readText(s3, quarantineBucket, `${id}/${bucket}/doc.csv`) }).toEqual({
              where,
              copy: X,
            });
          }
        }
      },
      KILL_EVERY_CALL_BUDGET_MS,
    );

    it(
      `finishes a restore killed at any call (${kind} source)`,
      async () => {
        const calls = await callCount(versioned, 'restore');
        for (let nth = 1; nth <= calls; nth++) {
          for (const when of ['before', 'after'] as const) {
            // Prepare
            const { bucket, id, move, expectedMetadata } = await prepare(versioned);
            const engine = newEngine(s3, quarantineBucket);
            const moved = await engine.quarantine(move);
            if (moved.outcome !== 'QUARANTINED') throw new Error(moved.outcome);
            const fault = failOn(s3, { nth, when });

            // Act
            const killed = await engine.restore({ findingId: id, actor: 'cli:tester' });
            fault.remove();
            const readDuringCrash = await readText(s3, bucket, 'doc.csv');
            const rerun = await engine.restore({ findingId: id, actor: 'cli:tester' });

            // Assess
            const where = `${kind}, call ${nth} ${when}`;
            expect({ where, outcome: killed.outcome }).not.toEqual({ where, outcome: 'CONFLICT' });
            expect({ where, read: readDuringCrash === undefined || readDuringCrash === X }).toEqual({
              where,
              read: true,
            });
            // Even when the killed run got as far as the last delete (its reply lost): its receipt says so.
            expect({ where, outcome: rerun.outcome }).toEqual({ where, outcome: 'RESTORED' });
            expect({ where, read: await readText(s3, bucket, 'doc.csv') }).toEqual({ where, read: X });
            expect({ where, metadata: (await head(s3, bucket, 'doc.csv'))?.Metadata }).toEqual({
              where,
              metadata: expectedMetadata,
            });
            expect({ where, left: await findingKeys(id) }).toEqual({ where, left: [] });
          }
        }
      },
      KILL_EVERY_CALL_BUDGET_MS,
    );
  }

  describe('multipart and read-back steps', () => {
    // Another part layout than the source's: the ETags differ, so the verify reads both objects back.
    const multipart = { multipartThresholdBytes: 5 * MiB, partSizeBytes: 6 * MiB };
    const rows = [
      { name: 'CreateMultipartUpload fails', rule: { command: 'CreateMultipartUploadCommand' } },
      { name: 'CompleteMultipartUpload fails', rule: { command: 'CompleteMultipartUploadCommand' } },
      {
        name: 'CompleteMultipartUpload completes but its reply is lost',
        rule: { command: 'CompleteMultipartUploadCommand', when: 'after' as const },
      },
      {
        name: 'CompleteMultipartUpload fails and so does the abort',
        rule: { command: 'CompleteMultipartUploadCommand' },
        also: { command: 'AbortMultipartUploadCommand' },
      },
      { name: 'the read-back GetObject fails', rule: { command: 'GetObjectCommand' } },
    ];

    it.each(rows)('keeps the data and a rerun finishes when $name', async (row) => {
      // Prepare: a legacy multipart object, so the copy is multipart and verified by reading back
      const bucket = await createBucket(s3, 'src');
      await putLegacyMultipart(bucket, 'big.bin');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket, multipart);
      const faults = [failOn(s3, row.rule), ...(row.also ? [failOn(s3, row.also)] : [])];

      // Act
      const killed = await engine.quarantine(target(id, bucket, 'big.bin'));
      for (const fault of faults) fault.remove();
      const sourceAfterFailure = await head(s3, bucket, 'big.bin');
      const rerun = await engine.quarantine(target(id, bucket, 'big.bin'));

      // Assess
      expect(faults.map((f) => f.injected)).toEqual(faults.map(() => 1));
      expect(killed.outcome).toBe('FAILED');
      expect(sourceAfterFailure?.ContentLength).toBe(5 * MiB + 4);
      expect(rerun.outcome).toBe('QUARANTINED');
      expect((await head(s3, quarantineBucket, `${id}/${bucket}/big.bin`))?.ContentLength).toBe(5 * MiB + 4);
      expect(await head(s3, bucket, 'big.bin')).toBeUndefined();
    });
  });
});
