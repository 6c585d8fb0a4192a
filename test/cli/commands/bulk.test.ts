import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { LedgerState } from '../../../core/types/ledger';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

/** Every key of a bucket with its ETag. */
async function listAll(s3: S3Client, bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.set(o.Key as string, (o.ETag ?? '').replaceAll('"', ''));
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}

/** Four of Macie's 50-finding pages, at concurrency 16: paging, concurrency and many objects, in a minute or less. */
const COUNT = 200;

describe(`Bulk runs: ${COUNT} findings`, () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack({ ledger: 'dynalite' });
    // moto's ListObjectVersions walks every key of the bucket and now and then trips over a key being
    // deleted by a concurrent move (an HTML 500); more SDK retries ride it out. Real S3 has no such race.
    process.env.AWS_MAX_ATTEMPTS = '10';
  });

  afterAll(async () => {
    delete process.env.AWS_MAX_ATTEMPTS;
    await stack.stop();
  });

  it(`quarantines ${COUNT} findings selected by bucket, then restores all of them, byte for byte`, async () => {
    // Prepare
    const findings = await stack.seed(COUNT, 'SensitiveData:S3Object/Personal', { prefix: 'bulk' });
    const before = await listAll(stack.s3, stack.sourceBucket);
    const states = async (): Promise<Map<LedgerState, number>> => {
      const counts = new Map<LedgerState, number>();
      for await (const r of stack.ledger.query()) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
      return counts;
    };

    // Without Slack: this measures moving data at scale. With Slack, every outcome without a review message
    // is a post, paced at one a second per channel (Slack's rate): hundreds of them would take minutes.
    const bulk = (command: string) =>
      stack.run([command, '--bucket', stack.sourceBucket, '--yes', '--json', '--concurrency', '16'], {
        env: { SLACK_BOT_TOKEN: '' },
      });

    // Act
    const remediated = await bulk('remediate');
    const afterRemediate = {
      source: await listAll(stack.s3, stack.sourceBucket),
      quarantine: await listAll(stack.s3, stack.quarantineBucket),
      states: await states(),
    };
    const restored = await bulk('restore');

    // Assess: every object moved once, and came back unchanged
    expect(remediated.code).toBe(0);
    expect(json(remediated).summary).toEqual({ QUARANTINED: COUNT });
    expect(new Set(json(remediated).results.map((r: { findingId: string }) => r.findingId))).toEqual(
      new Set(findings.map((f) => f.id)),
    );
    expect(afterRemediate.source.size).toBe(0);
    expect(afterRemediate.quarantine.size).toBe(COUNT);
    expect(afterRemediate.states).toEqual(new Map([['QUARANTINED', COUNT]]));
    expect(json(restored).results.filter((r: { outcome: string }) => r.outcome !== 'RESTORED')).toEqual([]);
    expect(restored.code).toBe(0);
    expect(json(restored).summary).toEqual({ RESTORED: COUNT });
    expect(await listAll(stack.s3, stack.sourceBucket)).toEqual(before);
    expect(await states()).toEqual(new Map([['RESTORED', COUNT]]));
    // Under half a minute on an idle 2-core machine (moto serves ~400 requests/s); room for a busy one.
  }, 300_000);
});
