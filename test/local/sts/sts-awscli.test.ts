import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StsStandIn } from '../../../local/sts/StsStandIn';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const MEMBER_ROLE = 'arn:aws:iam::222233334444:role/MacieRemediateMember';

/** The AWS CLI (botocore): an STS client nobody here wrote. */
describe('StsStandIn with the AWS CLI', () => {
  const sts = new StsStandIn({
    users: [{ accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin-secret', arn: 'arn:aws:iam::111122223333:user/ops' }],
    roles: [MEMBER_ROLE],
  });
  const home = mkdtempSync(join(tmpdir(), 'awscli-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAADMIN',
    AWS_SECRET_ACCESS_KEY: 'admin-secret',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  const aws = async (args: string[], extraEnv: Record<string, string> = {}): Promise<unknown> => {
    const { stdout } = await run(
      AWS,
      [...args, '--endpoint-url', sts.url, '--region', 'us-east-1', '--output', 'json'],
      { env: { ...env, ...extraEnv }, timeout: 60_000 },
    );
    return JSON.parse(stdout);
  };

  beforeAll(async () => {
    // Fails loudly rather than skipping: CI installs Debian's awscli (.ci/run).
    if (!existsSync(AWS)) throw new Error(`${AWS} is missing: install Debian's awscli (apt-get install awscli)`);
    await sts.start();
  });

  afterAll(async () => {
    await sts.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('assumes the member role and tells the assumed role back from its credentials', async () => {
    // Act
    const assumed = (await aws([
      'sts',
      'assume-role',
      '--role-arn',
      MEMBER_ROLE,
      '--role-session-name',
      'operator',
    ])) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string } };
    const { AccessKeyId, SecretAccessKey, SessionToken } = assumed.Credentials;
    const identity = await aws(['sts', 'get-caller-identity'], {
      AWS_ACCESS_KEY_ID: AccessKeyId,
      AWS_SECRET_ACCESS_KEY: SecretAccessKey,
      AWS_SESSION_TOKEN: SessionToken,
    });

    // Assess
    expect(assumed).toMatchObject({
      AssumedRoleUser: { Arn: 'arn:aws:sts::222233334444:assumed-role/MacieRemediateMember/operator' },
      Credentials: { Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00|Z)$/) },
    });
    expect(identity).toEqual({
      UserId: expect.stringMatching(/^AROA[0-9A-F]{17}:operator$/),
      Account: '222233334444',
      Arn: 'arn:aws:sts::222233334444:assumed-role/MacieRemediateMember/operator',
    });
  });

  it('prints AccessDenied for a role the stand-in does not define, as the CLI prints STS errors', async () => {
    // Act
    const call = aws([
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::222233334444:role/Nope',
      '--role-session-name',
      's1',
    ]);

    // Assess
    await expect(call).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/ops is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222233334444:role/Nope',
      ),
    });
  });
});
