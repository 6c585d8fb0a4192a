import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberRoleArn } from '../../../core/aws/member-credentials';
import { motoUrl } from '../../support/aws';
import { refuseAssumeRole, startSigningProxy } from '../../support/signing-proxy';
import { type CliStack, startCliStack } from '../support/cli-stack';

type Check = { check: string; ok: boolean; detail: string; skipped?: boolean };

const MEMBER = '222233334444';
const OTHER = '333344445555';

/**
 * `status` with member accounts: one line each, the member role assumed (moto's STS) and the in-scope
 * buckets reached with it, and what to fix when not.
 */
describe('Command: status, member accounts', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const members = async (env: Record<string, string>) => {
    const run = await stack.run(['status', '--json'], { env });
    return { code: run.code, checks: (JSON.parse(run.stdout) as Check[]).filter((c) => c.check.startsWith('member')) };
  };

  it('a stack of one account has no member lines', async () => {
    expect((await members({})).checks).toEqual([]);
  });

  it('each listed account: the role assumed and its buckets reached, else which bucket to fix (exit 1)', async () => {
    // Act
    const reachable = await members({
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: MEMBER,
      MACIE_REMEDIATE_SOURCE_BUCKETS: stack.sourceBucket,
    });
    const missing = await members({
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: `${MEMBER},${OTHER}`,
      MACIE_REMEDIATE_SOURCE_BUCKETS: `${stack.sourceBucket},no-such-bucket-${randomBytes(4).toString('hex')}`,
    });

    // Assess
    expect(reachable.checks).toEqual([
      { check: `member ${MEMBER}`, ok: true, detail: `MacieRemediateMember assumed; ${stack.sourceBucket} reachable` },
    ]);
    expect(missing.code).toBe(1);
    expect(missing.checks.map((c) => [c.check, c.ok])).toEqual([
      [`member ${MEMBER}`, false],
      [`member ${OTHER}`, false],
    ]);
    expect(missing.checks[0]?.detail).toMatch(
      /^MacieRemediateMember assumed, but cannot reach no-such-bucket-\w+ \(NotFound\): check the bucket name in sourceBuckets or accountPolicies/,
    );
  });

  it('with "*": the accounts the ledger has findings of and those accountPolicies names; all buckets: ListBuckets', async () => {
    // Prepare
    writeFileSync(
      join(stack.cwd, 'cdk.json'),
      JSON.stringify({ context: { accountPolicies: { [OTHER]: { sourceBuckets: [stack.sourceBucket] } } } }),
    );
    const id = randomBytes(16).toString('hex');
    await stack.ledger.begin({
      findingId: id,
      state: 'AWAITING_REVIEW',
      objectIdentity: `${MEMBER}/us-east-1/member-bucket/k.csv#abc`,
      findingType: 'SensitiveData:S3Object/Personal',
      severity: 'High',
      source: { bucket: 'member-bucket', key: 'k.csv' },
      decision: 'REVIEW',
      createdAt: new Date().toISOString(),
      history: [],
    });

    // Act
    const { checks } = await members({ MACIE_REMEDIATE_MEMBER_ACCOUNTS: '*', MACIE_REMEDIATE_SOURCE_BUCKETS: '*' });

    // Assess
    expect(checks).toEqual([
      {
        check: `member ${MEMBER}`,
        ok: true,
        detail: 'MacieRemediateMember assumed; ListBuckets works (every bucket in scope)',
      },
      { check: `member ${OTHER}`, ok: true, detail: `MacieRemediateMember assumed; ${stack.sourceBucket} reachable` },
    ]);
  });

  it('a role that cannot be assumed: which role, why, and what to fix (exit 1)', async () => {
    // Prepare: STS behind a proxy that refuses AssumeRole (moto never does); the SDK reads the endpoint itself
    const proxy = await startSigningProxy(motoUrl(), refuseAssumeRole);
    process.env.AWS_ENDPOINT_URL_STS = proxy.url;

    // Act
    const refused = await members({
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: MEMBER,
      MACIE_REMEDIATE_SOURCE_BUCKETS: stack.sourceBucket,
    }).finally(async () => {
      delete process.env.AWS_ENDPOINT_URL_STS;
      await proxy.stop();
    });

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.checks).toEqual([
      {
        check: `member ${MEMBER}`,
        ok: false,
        detail: `cannot assume arn:aws:iam::${MEMBER}:role/MacieRemediateMember (User is not authorized to perform: sts:AssumeRole): deploy the member stack (macie-remediate deploy --members) or check memberRoleName`,
      },
    ]);
    // The engine's rule for the role and the session: one AssumeRole, as the remediator would send it
    expect(proxy.requests.filter((r) => r.action === 'AssumeRole')).toEqual([
      expect.objectContaining({
        roleArn: memberRoleArn(MEMBER, 'MacieRemediateMember'),
        roleSessionName: 'macie-remediate',
      }),
    ]);
  });
});
