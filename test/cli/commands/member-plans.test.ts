import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { memberRoleArn } from '../../../core/aws/member-credentials';
import { uniqueName } from '../../support/aws';
import { accountsOf, MEMBER_ROLE, s3As, useAccountsMoto } from '../../support/moto-accounts';
import {
  refuseAssumeRole,
  type SignedRequest,
  type SigningProxy,
  startSigningProxy,
} from '../../support/signing-proxy';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const MEMBER = '222233334444';
const IN_SCOPE = { MACIE_REMEDIATE_MEMBER_ACCOUNTS: MEMBER };

const results = (run: CliRun): { findingId: string; outcome: string; reason?: string }[] =>
  JSON.parse(run.stdout).results;

/**
 * `remediate`, `apply` and `restore` read a member account's object (HeadObject while planning, the re-check,
 * the occupant check) as the engine will: with the member role, in the object's Region. A per-credentials moto
 * separates the accounts; the proxy in front of it records who signed each request (and can refuse AssumeRole).
 */
describe("Commands: a member account's object in plans (per-credentials moto, signatures recorded)", () => {
  const moto = useAccountsMoto();
  let proxy: SigningProxy;
  let stack: CliStack;
  let refusing = false;

  beforeAll(async () => {
    proxy = await startSigningProxy(moto.url(), (request) => (refusing ? refuseAssumeRole(request) : undefined));
    stack = await startCliStack({ endpoint: proxy.url });
  });

  afterAll(async () => {
    await stack.stop();
    await proxy.stop();
  });

  /** An object in a bucket of the member account (made with its own credentials) and Macie's finding on it. */
  async function memberFinding(): Promise<{ id: string; bucket: string }> {
    const member = await s3As(moto.url(), MEMBER);
    const bucket = uniqueName('member');
    await member.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = await member.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cards.csv', Body: '4111 1111 1111 1111' }),
    );
    const finding = stack.addFinding(
      { bucket, key: 'cards.csv', eTag: (put.ETag ?? '').replaceAll('"', '') },
      'SensitiveData:S3Object/Financial',
      { accountId: MEMBER },
    );
    return { id: finding.id as string, bucket };
  }

  /** The accounts that signed the requests on `bucket` since `mark`, and those requests' methods. */
  async function onBucket(mark: number, bucket: string) {
    const requests = proxy.requests.slice(mark).filter((r: SignedRequest) => r.bucket === bucket);
    const accounts = await accountsOf(
      moto.url(),
      requests.map((r) => r.accessKeyId),
    );
    return {
      methods: requests.map((r) => r.method),
      signers: new Set(requests.map((r) => accounts.get(r.accessKeyId))),
    };
  }

  it('remediate --plan, apply (its re-check) and restore read the object as the member role', async () => {
    // Prepare
    const { id, bucket } = await memberFinding();

    // Act
    const planMark = proxy.requests.length;
    const planned = await stack.run(['remediate', id, '--plan', 'member.json'], { env: IN_SCOPE });
    const planning = await onBucket(planMark, bucket);
    const applied = await stack.run(['apply', 'member.json', '--yes', '--json'], { env: IN_SCOPE });
    const restoreMark = proxy.requests.length;
    const restorePlan = await stack.run(['restore', id, '--dry-run', '--json'], { env: IN_SCOPE });
    const restorePlanning = await onBucket(restoreMark, bucket);
    const restored = await stack.run(['restore', id, '--yes', '--json'], { env: IN_SCOPE });

    // Assess
    expect(planned.code).toBe(0);
    expect(planning).toEqual({ methods: ['HEAD'], signers: new Set([MEMBER]) });
    expect(results(applied)).toEqual([expect.objectContaining({ findingId: id, outcome: 'QUARANTINED' })]);
    expect(restorePlanning).toEqual({ methods: ['HEAD'], signers: new Set([MEMBER]) });
    expect(results(restorePlan)).toEqual([expect.objectContaining({ findingId: id, outcome: 'PLANNED' })]);
    expect(results(restored)).toEqual([expect.objectContaining({ findingId: id, outcome: 'RESTORED' })]);
    expect((await onBucket(planMark, bucket)).signers).toEqual(new Set([MEMBER]));
  });

  it('a member role that cannot be assumed: FAILED with the engine’s reason before any read; a dry run writes nothing, --yes records it', async () => {
    // Prepare
    const { id, bucket } = await memberFinding();
    refusing = true;

    // Act: a dry run (its plan looks), then --yes (its plan does not: the job's engine refuses the same way)
    const mark = proxy.requests.length;
    const planned = await stack.run(['remediate', id, '--dry-run', '--json'], { env: IN_SCOPE });
    const recordAfterPlan = await stack.ledger.get(id);
    const run = await stack.run(['remediate', id, '--yes', '--json'], { env: IN_SCOPE }).finally(() => {
      refusing = false;
    });

    // Assess: the same outcome and reason both ways; only the run records it; nothing read on the bucket
    for (const each of [planned, run]) {
      expect(results(each)).toEqual([
        expect.objectContaining({
          findingId: id,
          outcome: 'FAILED',
          reason: `cannot assume ${memberRoleArn(MEMBER, MEMBER_ROLE)} in account ${MEMBER} (AccessDenied: User is not authorized to perform: sts:AssumeRole): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`,
        }),
      ]);
    }
    expect(recordAfterPlan).toBeUndefined();
    expect((await stack.ledger.get(id))?.state).toBe('FAILED');
    expect((await onBucket(mark, bucket)).methods).toEqual([]);
  });
});
