import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { StsStandIn } from '../../../local/sts/StsStandIn';

const ADMIN = { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin-secret', arn: 'arn:aws:iam::111122223333:user/ops' };
const MEMBER_ROLE = 'arn:aws:iam::222233334444:role/MacieRemediateMember';

describe('StsStandIn with the SDK', () => {
  let now = new Date('2026-03-01T10:00:00.250Z');
  const sts = new StsStandIn({ users: [ADMIN], roles: [MEMBER_ROLE], clock: () => now });
  const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new STSClient({ region: 'us-east-1', endpoint: sts.url, credentials, maxAttempts: 1 });

  beforeAll(() => sts.start());
  afterAll(() => sts.stop());

  it('assumes a defined role: the issued key signs as the assumed role of its account', async () => {
    // Prepare
    const issued: string[] = [];
    sts.on('issued', (c) => issued.push(`${c.account} ${c.accessKeyId}`));

    // Act
    const assumed = await client(ADMIN).send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'macie-remediate' }),
    );
    const c = assumed.Credentials;
    const asMember = await client({
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    }).send(new GetCallerIdentityCommand({}));
    const asAdmin = await client(ADMIN).send(new GetCallerIdentityCommand({}));

    // Assess
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c?.Expiration).toEqual(new Date('2026-03-01T11:00:00.000Z'));
    expect(assumed.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::222233334444:assumed-role/MacieRemediateMember/macie-remediate',
      AssumedRoleId: expect.stringMatching(/^AROA[0-9A-F]{17}:macie-remediate$/),
    });
    expect(asMember).toMatchObject({
      Account: '222233334444',
      Arn: 'arn:aws:sts::222233334444:assumed-role/MacieRemediateMember/macie-remediate',
      UserId: assumed.AssumedRoleUser?.AssumedRoleId,
    });
    expect(asAdmin).toMatchObject({ Account: '111122223333', Arn: ADMIN.arn, UserId: expect.stringMatching(/^AIDA/) });
    expect(issued).toEqual([`222233334444 ${c?.AccessKeyId}`]);
    expect(sts.identify(c?.AccessKeyId ?? '')?.account).toBe('222233334444');
  });

  it('refuses a role it does not define with AccessDenied naming the caller and the role', async () => {
    // Act
    const call = client(ADMIN).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/MacieRemediateMember', RoleSessionName: 'x1' }),
    );

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/MacieRemediateMember',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses unknown keys, a wrong session token, expired sessions and bad parameters as STS does', async () => {
    // Prepare
    const assumed = await client(ADMIN).send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'short', DurationSeconds: 900 }),
    );
    const c = assumed.Credentials;
    const member = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '' };

    // Act
    const unknown = client({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({}));
    const noToken = client(member).send(new GetCallerIdentityCommand({}));
    const badName = client(ADMIN).send(new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'a b' }));
    const tooLong = client(ADMIN).send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'long', DurationSeconds: 7200 }),
    );
    now = new Date(now.getTime() + 901_000);
    const expired = client({ ...member, sessionToken: c?.SessionToken ?? '' }).send(new GetCallerIdentityCommand({}));

    // Assess
    const invalid = { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
    await expect(unknown).rejects.toMatchObject(invalid);
    await expect(noToken).rejects.toMatchObject(invalid);
    await expect(badName).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(tooLong).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await expect(expired).rejects.toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
  });

  it('answers the query protocol: XML in the 2011-06-15 namespace, ErrorResponse for an unknown action', async () => {
    // Act
    const unsigned = await fetch(sts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    const unknownAction = await fetch(sts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=${ADMIN.accessKeyId}/20260301/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: 'Action=GetSessionToken&Version=2011-06-15',
    });

    // Assess
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('content-type')).toBe('text/xml');
    expect(await unsigned.text()).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ErrorResponse>/,
    );
    expect(unknownAction.status).toBe(400);
    expect(await unknownAction.text()).toContain(
      '<Code>InvalidAction</Code><Message>Could not find operation GetSessionToken for version 2011-06-15</Message>',
    );
  });
});
