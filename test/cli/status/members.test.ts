import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
