import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { OrganizationsAccountNames } from '../../../core/accounts/OrganizationsAccountNames';
import { OrganizationsStandIn } from '../../../local/organizations/OrganizationsStandIn';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const ADMIN = '111122223333';
const MEMBER = '222233334444';

describe('OrganizationsStandIn (DescribeAccount, AWS JSON 1.1)', () => {
  const organizations = new OrganizationsStandIn({
    managementAccount: ADMIN,
    accounts: [
      { id: ADMIN, name: 'Security (admin)' },
      { id: MEMBER, name: 'Payroll' },
    ],
  });
  const home = mkdtempSync(join(tmpdir(), 'awscli-'));
  let client: OrganizationsClient;

  beforeAll(async () => {
    // Fails loudly rather than skipping: CI installs Debian's awscli (.ci/run).
    if (!existsSync(AWS)) throw new Error(`${AWS} is missing: install Debian's awscli (apt-get install awscli)`);
    await organizations.start();
    client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: organizations.url,
      credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await organizations.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('describes an account of the organization to the SDK, and refuses others with the service codes', async () => {
    const { Account } = await client.send(new DescribeAccountCommand({ AccountId: MEMBER }));
    expect(Account).toMatchObject({ Id: MEMBER, Name: 'Payroll', Status: 'ACTIVE' });
    expect(Account?.JoinedTimestamp).toBeInstanceOf(Date);
    await expect(client.send(new DescribeAccountCommand({ AccountId: '999988887777' }))).rejects.toMatchObject({
      name: 'AccountNotFoundException',
    });
    await expect(client.send(new DescribeAccountCommand({ AccountId: 'nope' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('answers the AWS CLI (botocore), a client nobody here wrote', async () => {
    const { stdout } = await run(
      AWS,
      ['organizations', 'describe-account', '--account-id', MEMBER, '--endpoint-url', organizations.url],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          AWS_ACCESS_KEY_ID: 'AKIAADMIN',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
        },
        timeout: 60_000,
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ Account: { Id: MEMBER, Name: 'Payroll', Status: 'ACTIVE' } });
  });

  it('names the local accounts for messages through the AccountNames port, and no others', async () => {
    const names = new OrganizationsAccountNames({ client: () => client });
    expect(await names.nameOf(MEMBER)).toBe('Payroll');
    expect(await names.nameOf('999988887777')).toBeUndefined();
  });
});
