import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectLegalHoldCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { parseFindingEvent } from '../../../core/finding/parse-finding';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import { uniqueName } from '../../support/aws';
import { ALICE, BOB, type LiveStack, startLiveStack } from '../../support/live-stack';
import { buttonsOf } from '../../support/slack-messages';

/**
 * Legal holds through the remediator's own path (runJob): moto's S3 with Object Lock on the quarantine
 * bucket, moto's DynamoDB through the real ledger, Slack on the stand-in.
 */
describe('A legal hold on a quarantined copy', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(async () => {
    await live.stop();
  });

  /** An AUTO finding, quarantined: its id and the copy's only version. */
  async function quarantined(key: string) {
    const { deps } = live.compose();
    const object = await live.putObject(key);
    const finding = parseFindingEvent(live.findingEvent('Financial', object));
    expect((await receiveFinding(deps, finding)).outcome).toBe('QUARANTINED');
    const record = await deps.ledger.get(finding.id);
    const copyKey = record?.quarantine?.key ?? '';
    const versions = await live.s3.send(
      new ListObjectVersionsCommand({ Bucket: live.quarantineBucket, Prefix: copyKey }),
    );
    return { deps, id: finding.id, object, copyKey, versionId: versions.Versions?.[0]?.VersionId ?? '' };
  }

  const holdStatus = async (key: string, versionId: string) =>
    (
      await live.s3.send(
        new GetObjectLegalHoldCommand({ Bucket: live.quarantineBucket, Key: key, VersionId: versionId }),
      )
    ).LegalHold?.Status;

  /** What the finding's message shows now: its blocks' text. */
  const shown = (ts: string | undefined) =>
    JSON.stringify(live.slack.messages().find((message) => message.ts === ts)?.blocks ?? []);

  it('holds every version of the copy, records who and why, and a restore is refused before anything moves', async () => {
    // Prepare
    const { deps, id, object, copyKey, versionId } = await quarantined('hr/evidence.csv');

    // Act
    const held = await runJob(deps, { kind: 'hold', findingId: id, actor: `slack:${ALICE}`, reason: 'case SEC-7' });
    const restore = await runJob(deps, { kind: 'restore', findingId: id, actor: `slack:${BOB}` });

    // Assess
    expect(held).toMatchObject({ outcome: 'HELD', quarantine: { key: copyKey } });
    expect(await holdStatus(copyKey, versionId)).toBe('ON');
    const record = await deps.ledger.get(id);
    expect(record).toMatchObject({ state: 'QUARANTINED', legalHold: { by: `slack:${ALICE}`, reason: 'case SEC-7' } });
    expect(record?.history.at(-1)).toMatchObject({
      action: 'legal-hold',
      actor: `slack:${ALICE}`,
      reason: 'case SEC-7',
    });
    expect(restore).toMatchObject({
      outcome: 'FAILED',
      reason: `on legal hold since ${record?.legalHold?.at} by slack:${ALICE}; release it first`,
    });
    expect((await deps.ledger.get(id))?.history).toHaveLength(record?.history.length ?? 0);
    await expect(live.s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key }))).rejects.toThrow();
    expect(shown(record?.slack?.ts)).toMatch(new RegExp(`On legal hold since <!date[^>]*> by <@${ALICE}>`));
    expect(buttonsOf(live.slack.messages().find((message) => message.ts === record?.slack?.ts))).toEqual([]);
    // S3 itself refuses to delete the held version (moto enforces Object Lock).
    await expect(
      live.s3.send(new DeleteObjectCommand({ Bucket: live.quarantineBucket, Key: copyKey, VersionId: versionId })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('once released, the message drops the hold and the copy can be restored', async () => {
    // Prepare
    const { deps, id, object, copyKey, versionId } = await quarantined('hr/released.csv');
    await runJob(deps, { kind: 'hold', findingId: id, actor: `slack:${ALICE}` });

    // Act
    const released = await runJob(deps, { kind: 'release', findingId: id, actor: `slack:${ALICE}`, reason: 'closed' });
    const record = await deps.ledger.get(id);
    const message = shown(record?.slack?.ts);
    const releasedStatus = await holdStatus(copyKey, versionId);
    const restore = await runJob(deps, { kind: 'restore', findingId: id, actor: `slack:${ALICE}` });

    // Assess
    expect(released.outcome).toBe('RELEASED');
    expect(releasedStatus).toBe('OFF');
    expect(record?.legalHold).toBeUndefined();
    expect(record?.history.slice(-2)).toMatchObject([
      { action: 'legal-hold' },
      { action: 'legal-hold-released', reason: 'closed' },
    ]);
    expect(message).toContain('Legal hold released');
    expect(message).not.toContain('On legal hold');
    expect(restore.outcome).toBe('RESTORED');
    expect((await live.s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key }))).ETag).toBe(
      `"${object.eTag}"`,
    );
    // The restore removed every version of the copy: a released hold keeps nothing behind.
    await expect(holdStatus(copyKey, versionId)).rejects.toThrow();
  });

  it('of a finding no longer in quarantine is FAILED naming its state, and nothing is recorded', async () => {
    // Prepare
    const { deps, id } = await quarantined('hr/gone.csv');
    await runJob(deps, { kind: 'restore', findingId: id, actor: `slack:${ALICE}` });
    const before = await deps.ledger.get(id);

    // Act
    const result = await runJob(deps, { kind: 'hold', findingId: id, actor: `slack:${ALICE}` });

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', reason: 'not in quarantine (restored): nothing to hold' });
    expect((await deps.ledger.get(id))?.history).toHaveLength(before?.history.length ?? 0);
  });

  it('on a quarantine bucket without Object Lock is FAILED saying so, and the finding is not left held', async () => {
    // Prepare: a bucket as a stack created before Object Lock has it (versioned only)
    const plain = uniqueName('plain-quarantine');
    await live.s3.send(new CreateBucketCommand({ Bucket: plain }));
    await live.s3.send(
      new PutBucketVersioningCommand({ Bucket: plain, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const { deps } = live.compose({ env: { MACIE_REMEDIATE_QUARANTINE_BUCKET: plain } });
    const object = await live.putObject('hr/unlockable.csv');
    const finding = parseFindingEvent(live.findingEvent('Financial', object));
    expect((await receiveFinding(deps, finding)).outcome).toBe('QUARANTINED');

    // Act
    const held = await runJob(deps, { kind: 'hold', findingId: finding.id, actor: `slack:${ALICE}` });
    const record = await deps.ledger.get(finding.id);
    const restore = await runJob(deps, { kind: 'restore', findingId: finding.id, actor: `slack:${ALICE}` });

    // Assess
    expect(held).toMatchObject({
      outcome: 'FAILED',
      reason: expect.stringMatching(/PutObjectLegalHold .* failed: .*; not held$/),
    });
    expect(record?.legalHold).toBeUndefined();
    expect(record?.history.slice(-2)).toMatchObject([{ action: 'legal-hold' }, { action: 'legal-hold-failed' }]);
    expect(restore.outcome).toBe('RESTORED');
  });
});
