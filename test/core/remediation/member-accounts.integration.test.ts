import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { memberRoleArn } from '../../../core/aws/member-credentials';
import { parseFindingEvent } from '../../../core/finding/parse-finding';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { runJob } from '../../../core/remediation/run-job';
import { motoUrl, uniqueName } from '../../support/aws';
import { failOn } from '../../support/fault-injection';
import { CHANNEL, type LiveStack, startLiveStack } from '../../support/live-stack';
import { MEMBER_ROLE, motoReach, motoSts, s3As } from '../../support/moto-accounts';
import { readText } from '../quarantine/support/s3-fixtures';

const MEMBER = '222233334444';

/**
 * The workflows' side: the finding's account reaches the engine, its outcome the ledger and Slack. The shared
 * moto runs every account as one; which credentials sign which call is proven per account in
 * test/core/quarantine/accounts.integration.test.ts.
 */
describe("A member account's finding through the workflows (moto, Slack stand-in)", () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(() => live.stop());
  beforeEach(() => live.slack.reset());

  /** An object in the member's own bucket, and the AUTO finding Macie reports on it. */
  async function memberFinding() {
    const member = await s3As(motoUrl(), MEMBER);
    const bucket = uniqueName('member');
    await member.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = await member.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cards.csv', Body: '4111 1111 1111 1111' }),
    );
    const event = live.findingEvent('Financial', {
      bucket,
      key: 'cards.csv',
      versionId: '',
      eTag: (put.ETag ?? '').replaceAll('"', ''),
    });
    event.detail.accountId = MEMBER;
    return { member, bucket, finding: parseFindingEvent(event) };
  }

  const inScope = { MACIE_REMEDIATE_MEMBER_ACCOUNTS: MEMBER };

  it('quarantines it into the own quarantine bucket (AUTO) and restores it to the member bucket', async () => {
    // Prepare
    const { member, bucket, finding } = await memberFinding();
    const { deps } = live.compose({ accounts: motoReach(motoUrl()), env: inScope });

    // Act
    const moved = await receiveFinding(deps, finding);
    const afterMove = await readText(member, bucket, 'cards.csv');
    const restored = await runJob(deps, { kind: 'restore', findingId: finding.id, actor: 'cli:tester' });

    // Assess
    expect(moved).toMatchObject({
      outcome: 'QUARANTINED',
      quarantine: { bucket: live.quarantineBucket, key: `${finding.id}/${bucket}/cards.csv` },
    });
    expect(afterMove).toBeUndefined();
    expect(restored.outcome).toBe('RESTORED');
    expect(await readText(member, bucket, 'cards.csv')).toBe('4111 1111 1111 1111');
    expect((await deps.ledger.get(finding.id))?.state).toBe('RESTORED');
  });

  it('fails with the account, the role and the fix in the result, the ledger and Slack when the role cannot be assumed', async () => {
    // Prepare
    const { member, bucket, finding } = await memberFinding();
    const sts = motoSts(motoUrl());
    failOn(sts, { command: 'AssumeRoleCommand', error: { name: 'AccessDenied', status: 403, message: 'denied' } });
    const { deps } = live.compose({ accounts: motoReach(motoUrl(), sts), env: inScope });

    // Act
    const result = await receiveFinding(deps, finding);

    // Assess
    const reason = `cannot assume ${memberRoleArn(MEMBER, MEMBER_ROLE)} in account ${MEMBER} (AccessDenied: denied): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`;
    expect(result).toMatchObject({ outcome: 'FAILED', reason });
    const record = await deps.ledger.get(finding.id);
    expect(record?.state).toBe('FAILED');
    expect(record?.history).toContainEqual(expect.objectContaining({ outcome: 'FAILED', detail: reason }));
    const messages = live.slack.messages(CHANNEL.id);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]?.blocks)).toContain(`cannot assume ${memberRoleArn(MEMBER, MEMBER_ROLE)}`);
    expect(JSON.stringify(messages[0]?.blocks)).toContain('deploy the member stack there');
    expect(await readText(member, bucket, 'cards.csv')).toBe('4111 1111 1111 1111');
  });
});
