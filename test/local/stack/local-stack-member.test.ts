import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { objectExists } from '../../../cli/demo/checks';
import { memberRoleArn } from '../../../core/aws/member-credentials';
import { makeFinding } from '../../../local/macie/make-finding';
import { type LocalStack, startLocalStack } from '../../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../../local/stack/local-names';
import { SAMPLE_OBJECTS } from '../../../local/stack/sample-objects';

const { quarantineBucket, member, channel, approver } = LOCAL_NAMES;
const ROLE = memberRoleArn(member.account, LOCAL_NAMES.memberRoleName);

describe('Function: startLocalStack, a member account', () => {
  let root: string;
  let stack: LocalStack;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'local-member-'));
    stack = await startLocalStack({ stateDir: root });
  });
  afterEach(async () => {
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("moves a member's object into the central quarantine on approval and back on restore, signed as the member on its bucket", async () => {
    // Prepare
    const key = 'payroll/employees.txt';
    const body = readFileSync(join(__dirname, '..', '..', '..', 'samples', SAMPLE_OBJECTS.personal.file));
    await stack.member.s3.send(new PutObjectCommand({ Bucket: member.bucket, Key: key, Body: body }));
    await stack.idle();
    const [finding] = stack.macie.all();
    const id = finding?.id ?? '';
    const review = await stack.deps.ledger.get(id);
    const ts = stack.slack.messages(channel.id)[0]?.ts ?? '';

    // Act
    const approved = await stack.slack.clickButton({ ts, buttonText: 'Remediate', userId: approver.id });
    await stack.idle();
    const quarantined = await stack.deps.ledger.get(id);
    const copy = quarantined?.quarantine;
    const away = {
      source: await objectExists(stack.member.s3, member.bucket, key),
      copy: await objectExists(stack.s3, quarantineBucket, copy?.key ?? ''),
    };
    const restored = await stack.slack.clickButton({ ts, buttonText: 'Restore', userId: approver.id });
    // Restore needs a reason by default: the approver types it in the modal the click opened.
    const submitted = await stack.slack.submitView({ text: 'the owner moved the file out of payroll' });
    await stack.idle();

    // Assess
    expect(finding).toMatchObject({
      accountId: member.account,
      resourcesAffected: { s3Bucket: { name: member.bucket } },
    });
    expect(review).toMatchObject({ state: 'AWAITING_REVIEW', accountName: member.name });
    expect([approved.status, restored.status, submitted.closed]).toEqual([200, 200, true]);
    expect(quarantined).toMatchObject({ state: 'QUARANTINED', quarantine: { bucket: quarantineBucket } });
    expect(away).toEqual({ source: false, copy: true });
    expect(await stack.deps.ledger.get(id)).toMatchObject({ state: 'RESTORED' });
    expect(await objectExists(stack.member.s3, member.bucket, key)).toBe(true);
    expect(await objectExists(stack.s3, quarantineBucket, copy?.key ?? '')).toBe(false);
    expect(JSON.stringify(stack.slack.messages(channel.id)[0]?.blocks)).toContain(`Payroll (${member.account})`);
    const onMember = stack.s3Signers.on(member.bucket);
    expect(new Set(onMember.map((r) => r.account))).toEqual(new Set([member.account]));
    // The copy into quarantine and the copy back both went through the member's credentials.
    expect(onMember).toContainEqual(
      expect.objectContaining({ bucket: quarantineBucket, copySourceBucket: member.bucket }),
    );
    expect(onMember).toContainEqual(
      expect.objectContaining({ bucket: member.bucket, copySourceBucket: quarantineBucket }),
    );
  });

  it('answers FAILED, naming the role and the fix, when the member role is gone', async () => {
    // Prepare
    stack.sts.deleteRole(ROLE);
    const finding = makeFinding({
      bucket: member.bucket,
      key: 'payroll/ledger.csv',
      type: 'SensitiveData:S3Object/Financial',
      accountId: member.account,
    });

    // Act
    stack.macie.add(finding);
    await stack.idle();

    // Assess
    const record = await stack.deps.ledger.get(finding.id ?? '');
    expect(record?.state).toBe('FAILED');
    expect(record?.history.find((event) => event.outcome === 'FAILED')?.detail).toMatch(
      new RegExp(
        `^cannot assume ${ROLE} in account ${member.account} \\(AccessDenied: User: ${LOCAL_NAMES.user} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}\\): deploy the member stack there`,
      ),
    );
    expect(stack.s3Signers.on(member.bucket)).toEqual([]);
  });
});
