import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { parseFindingEvent } from '../../../core/finding/parse-finding';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import { ALICE, type LiveStack, type StoredObject, startLiveStack } from '../../support/live-stack';

/**
 * Restore, then Macie scans the object again: on moto's S3 (a versioned bucket, so the restored bytes get a
 * new version id) and moto's DynamoDB through the real ledger, with Slack on the stand-in.
 */
describe('A re-scan of an object a person restored', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(async () => {
    await live.stop();
  });

  /** An AUTO finding quarantined, then restored by Alice from Slack: the object as it is back. */
  async function quarantineAndRestore(key: string) {
    const { deps } = live.compose();
    const object = await live.putObject(key);
    const first = parseFindingEvent(live.findingEvent('Financial', object));
    expect((await receiveFinding(deps, first)).outcome).toBe('QUARANTINED');
    const restored = await runJob(deps, { kind: 'restore', findingId: first.id, actor: `slack:${ALICE}` });
    expect(restored.outcome).toBe('RESTORED');
    const head = await live.s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: key }));
    const back: StoredObject = {
      ...object,
      versionId: head.VersionId ?? '',
      eTag: (head.ETag ?? '').replaceAll('"', ''),
    };
    return { deps, first, back };
  }

  it('with the same bytes is IGNORED, linked to the restore: nothing moved, nothing posted', async () => {
    // Prepare
    const { deps, first, back } = await quarantineAndRestore('hr/restored.csv');
    const posted = live.slack.messages().length;
    const rescan = parseFindingEvent(live.findingEvent('Financial', back));

    // Act
    const result = await receiveFinding(deps, rescan);

    // Assess
    expect(result).toMatchObject({ outcome: 'IGNORED', reason: expect.stringContaining(`restored by @${ALICE} on`) });
    const head = await live.s3.send(new HeadObjectCommand({ Bucket: back.bucket, Key: back.key }));
    expect(head.VersionId).toBe(back.versionId);
    expect(live.slack.messages()).toHaveLength(posted);
    expect(await deps.ledger.get(rescan.id)).toMatchObject({ state: 'IGNORED', linkedTo: first.id });
  });

  it('with changed bytes is quarantined again', async () => {
    // Prepare
    const { deps, back } = await quarantineAndRestore('hr/changed.csv');
    const changed = await live.putObject(back.key, 'card 5500 0000 0000 0004');
    const rescan = parseFindingEvent(live.findingEvent('Financial', changed));

    // Act
    const result = await receiveFinding(deps, rescan);

    // Assess
    expect(changed.eTag).not.toBe(back.eTag);
    expect(result.outcome).toBe('QUARANTINED');
  });
});
