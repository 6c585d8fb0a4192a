import { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { OrganizationsAccountNames } from '../../../core/accounts/OrganizationsAccountNames';
import { OrganizationsStandIn } from '../../../local/organizations/OrganizationsStandIn';
import { awsCli } from '../../support/awscli';

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
  const cli = awsCli({ endpoint: () => organizations.url });
  let client: OrganizationsClient;

  beforeAll(async () => {
    cli.assertInstalled();
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
    cli.remove();
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
    const answer = await cli.json(['organizations', 'describe-account', '--account-id', MEMBER]);
    expect(answer).toMatchObject({ Account: { Id: MEMBER, Name: 'Payroll', Status: 'ACTIVE' } });
  });

  it('names the local accounts for messages through the AccountNames port, and no others', async () => {
    const names = new OrganizationsAccountNames({ client: () => client });
    expect(await names.nameOf(MEMBER)).toBe('Payroll');
    expect(await names.nameOf('999988887777')).toBeUndefined();
  });
});
