import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { OrganizationsAccountNames } from '../../../core/accounts/OrganizationsAccountNames';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { testCredentials } from '../../support/aws';
import { buildFinding } from '../../support/fixtures';
import { type MotoServer, startMoto } from '../../support/moto-server';
import { harness } from '../remediation/support/harness';

/**
 * A private moto: its Organizations state is one organization for the whole server (whatever the
 * credentials), so each test starts from a reset one, and no other test file sees it.
 */
let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
});

beforeEach(async () => {
  await fetch(`${moto.url}/moto-api/reset`, { method: 'POST' });
});

afterAll(async () => {
  await moto.stop();
});

/** Organizations on the private moto (or `endpoint`), counting the requests sent. */
function organizations(endpoint = moto.url): { client: OrganizationsClient; calls: () => number } {
  const client = new OrganizationsClient({
    region: 'us-east-1',
    endpoint,
    credentials: testCredentials,
    maxAttempts: 1,
  });
  let sent = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      sent++;
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return { client, calls: () => sent };
}

const unknownAccount = (): string => String(randomInt(100_000_000_000, 999_999_999_999));

/** An organization with one member account named `name` (its calls counted from here on). */
async function organizationWith(name: string) {
  const management = organizations();
  await management.client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const created = await management.client.send(
    new CreateAccountCommand({ AccountName: name, Email: 'payroll@example.com' }),
  );
  const { CreateAccountStatus } = await management.client.send(
    new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id ?? '' }),
  );
  const member = CreateAccountStatus?.AccountId ?? '';
  const before = management.calls();
  return { client: management.client, member, calls: () => management.calls() - before };
}

describe('Class: OrganizationsAccountNames (AWS Organizations on moto)', () => {
  it("names an organization's account, asking once per account however often it is asked", async () => {
    // Prepare
    const org = await organizationWith('Payroll Prod');
    const names = new OrganizationsAccountNames({ client: () => org.client });

    // Act
    const first = await Promise.all([names.nameOf(org.member), names.nameOf(org.member)]);
    const again = await names.nameOf(org.member);

    // Assess
    expect(first).toEqual(['Payroll Prod', 'Payroll Prod']);
    expect(again).toBe('Payroll Prod');
    expect(org.calls()).toBe(1);
  });

  it('an account the organization does not know has no name, remembered for that account only', async () => {
    // Prepare
    const org = await organizationWith('Payroll Prod');
    const names = new OrganizationsAccountNames({ client: () => org.client });
    const stranger = unknownAccount();

    // Act
    const unknown = [await names.nameOf(stranger), await names.nameOf(stranger)];
    const known = await names.nameOf(org.member);

    // Assess
    expect(unknown).toEqual([undefined, undefined]);
    expect(known).toBe('Payroll Prod');
    expect(org.calls()).toBe(2);
  });

  it.each([
    ['AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'],
    ['AccessDeniedException', 'You do not have permission to access this resource.'],
  ])(
    'after %s (no organization; not its management or delegated administrator account): no name for any account, after one call',
    async (type, message) => {
      // Prepare: moto answers AccountNotFoundException without an organization and enforces no IAM, so
      // these two answers come from a stand-in that speaks the same JSON protocol.
      const server = createServer((request, response) => {
        request.resume();
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: type, Message: message }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const refusing = organizations(`http://127.0.0.1:${port}`);
      const names = new OrganizationsAccountNames({ client: () => refusing.client });

      // Act
      const answers = [await names.nameOf(unknownAccount()), await names.nameOf(unknownAccount())];
      server.close();

      // Assess
      expect(answers).toEqual([undefined, undefined]);
      expect(refusing.calls()).toBe(1);
    },
  );
});

describe('Function: receiveFinding, with account names', () => {
  it("keeps the name of a member account on its finding's record, which every message then shows", async () => {
    // Prepare
    const org = await organizationWith('Payroll Prod');
    const h = harness();
    const deps = {
      ...h.deps,
      policy: { ...h.deps.policy, memberAccounts: [org.member] },
      accountNames: new OrganizationsAccountNames({ client: () => org.client }),
    };
    const finding = buildFinding({ type: 'Personal', accountId: org.member });

    // Act
    const result = await receiveFinding(deps, finding);

    // Assess
    expect(result.outcome).toBe('NOTIFIED');
    expect((await h.ledger.get(finding.id))?.accountName).toBe('Payroll Prod');
    expect(h.announcer.calls).toEqual([expect.objectContaining({ method: 'review' })]);
  });

  it("asks nothing for the own account's findings (a single-account stack never loads the client)", async () => {
    // Prepare
    let made = 0;
    const h = harness();
    const deps = {
      ...h.deps,
      accountNames: new OrganizationsAccountNames({
        client: () => {
          made++;
          return new OrganizationsClient({});
        },
      }),
    };
    const finding = buildFinding({ type: 'Personal' });

    // Act
    await receiveFinding(deps, finding);

    // Assess
    expect((await h.ledger.get(finding.id))?.accountName).toBeUndefined();
    expect(made).toBe(0);
  });
});
