import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { motoUrl, testCredentials } from '../../support/aws';
import { FIXTURE_ACCOUNT } from '../../support/fixtures';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

/** An IAM Identity Center permission set's role: AWS names each session after the signed-in person. */
const IDENTITY_CENTER_ROLE = 'AWSReservedSSO_Operators_0a1b2c3d4e5f6789';

/** The environment of a person at the terminal: moto's credentials for a session of `role` named after them. */
async function operator(
  name: string,
  role = IDENTITY_CENTER_ROLE,
): Promise<{ env: Record<string, string>; principal: string }> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: motoUrl(), credentials: testCredentials });
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${FIXTURE_ACCOUNT}:role/${role}`, RoleSessionName: name }),
  );
  sts.destroy();
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('moto gave no credentials');
  return {
    env: {
      MACIE_REMEDIATE_RESTORE_APPROVALS: '2',
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
    },
    principal: `aws:${assumed.AssumedRoleUser?.Arn}`,
  };
}

/** The SDK reads credentials from process.env, not from the run's env: put the person's there for the run. */
async function as(person: { env: Record<string, string> }, run: () => Promise<CliRun>): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(person.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, person.env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('Command: restore, with restoreApprovals 2', () => {
  let stack: CliStack;
  let alice: Awaited<ReturnType<typeof operator>>;
  let bob: Awaited<ReturnType<typeof operator>>;

  beforeAll(async () => {
    stack = await startCliStack();
    alice = await operator('alice');
    bob = await operator('bob');
  });
  afterAll(() => stack.stop());

  it('needs a second, different AWS identity: the first approval and a repeat are PENDING_APPROVAL, the second restores', async () => {
    // Prepare: one finding in quarantine (AUTO)
    const [finding] = await stack.seed(1, 'SensitiveData:S3Object/Financial', { prefix: 'two-person' });
    const id = finding?.id as string;
    expect((await stack.run(['backfill'])).code).toBe(0);

    // Act
    const first = await as(alice, () =>
      stack.run(['restore', id, '--yes', '--json', '--reason', 'the owner fixed the file'], { env: alice.env }),
    );
    const listed = await as(alice, () => stack.run(['list', 'quarantined', '--json'], { env: alice.env }));
    const again = await as(alice, () => stack.run(['restore', id, '--yes', '--json'], { env: alice.env }));
    const history = await as(alice, () => stack.run(['history', id, '--json'], { env: alice.env }));
    const second = await as(bob, () => stack.run(['restore', id, '--yes', '--json'], { env: bob.env }));

    // Assess
    expect(first.code).toBe(0);
    expect(json(first)).toMatchObject({
      results: [
        {
          findingId: id,
          outcome: 'PENDING_APPROVAL',
          reason: `approval 1 of 2 by ${alice.principal}; another approver must restore it`,
        },
      ],
      summary: { PENDING_APPROVAL: 1 },
    });
    expect(json(listed)).toContainEqual(
      expect.objectContaining({
        findingId: id,
        restoreApproval: expect.objectContaining({ approver: alice.principal }),
      }),
    );
    expect(again.code).toBe(0);
    expect(json(again).results[0]).toMatchObject({
      outcome: 'PENDING_APPROVAL',
      reason: 'already approved by you; a second approver is needed',
    });
    expect(json(history).history).toContainEqual(
      expect.objectContaining({
        action: 'restore-approved',
        outcome: 'PENDING_APPROVAL',
        detail: `approval 1 of 2 by ${alice.principal}`,
        reason: 'the owner fixed the file',
      }),
    );
    expect(second.code).toBe(0);
    expect(json(second).results[0]).toMatchObject({ findingId: id, outcome: 'RESTORED' });
    expect((await stack.ledger.get(id))?.state).toBe('RESTORED');
  });

  it('counts two sessions of one ordinary role as one approver: whoever may assume it names the session', async () => {
    // Prepare: one finding in quarantine; two sessions of a role that is not Identity Center's
    const [finding] = await stack.seed(1, 'SensitiveData:S3Object/Financial', { prefix: 'one-role' });
    const id = finding?.id as string;
    expect((await stack.run(['backfill'])).code).toBe(0);
    const first = await operator('carol', 'Operators');
    const renamed = await operator('carol-again', 'Operators');

    // Act
    const approved = await as(first, () => stack.run(['restore', id, '--yes', '--json'], { env: first.env }));
    const again = await as(renamed, () => stack.run(['restore', id, '--yes', '--json'], { env: renamed.env }));

    // Assess
    expect(json(approved).results[0]).toMatchObject({
      outcome: 'PENDING_APPROVAL',
      reason: `approval 1 of 2 by aws:arn:aws:sts::${FIXTURE_ACCOUNT}:assumed-role/Operators; another approver must restore it`,
    });
    expect(json(again).results[0]).toMatchObject({
      outcome: 'PENDING_APPROVAL',
      reason: 'already approved by you; a second approver is needed',
    });
    expect((await stack.ledger.get(id))?.state).toBe('QUARANTINED');
  });
});
