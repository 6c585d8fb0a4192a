import { StsStandIn } from '../../../local/sts/StsStandIn';
import { awsCli } from '../../support/awscli';

const MEMBER_ROLE = 'arn:aws:iam::222233334444:role/MacieRemediateMember';

/** The AWS CLI (botocore): an STS client nobody here wrote. */
describe('StsStandIn with the AWS CLI', () => {
  const sts = new StsStandIn({
    users: [{ accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin-secret', arn: 'arn:aws:iam::111122223333:user/ops' }],
    roles: [MEMBER_ROLE],
  });
  const cli = awsCli({
    endpoint: () => sts.url,
    credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin-secret' },
  });
  const aws = (args: string[], env: Record<string, string> = {}): Promise<unknown> => cli.json(args, env);

  beforeAll(async () => {
    cli.assertInstalled();
    await sts.start();
  });

  afterAll(async () => {
    await sts.stop();
    cli.remove();
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
