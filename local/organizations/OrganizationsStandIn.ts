import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/reply';

/** The JSON 1.1 target prefix of every Organizations operation. */
const TARGET = 'AWSOrganizationsV20161128.';

interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
}

interface OrganizationsStandInOptions {
  /** The organization's management account (the one whose credentials ask). */
  readonly managementAccount: string;
  readonly accounts: readonly OrganizationAccount[];
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** An error as the JSON 1.1 protocol carries it: the code in `__type` and the header. */
class OrganizationsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A local AWS Organizations, DescribeAccount only (what account names in messages need), over the AWS
 * JSON 1.1 protocol the SDK and the AWS CLI speak: `POST /` with `X-Amz-Target:
 * AWSOrganizationsV20161128.DescribeAccount`. Accounts outside the organization are AccountNotFoundException,
 * other operations UnknownOperationException, as the service answers.
 */
class OrganizationsStandIn {
  private readonly server = new LocalHttpServer('Organizations stand-in', (req, res) => this.handle(req, res));
  private readonly accounts: ReadonlyMap<string, OrganizationAccount>;

  constructor(private readonly options: OrganizationsStandInOptions) {
    this.accounts = new Map(options.accounts.map((a) => [a.id, a]));
  }

  get url(): string {
    return this.server.url;
  }

  start(): Promise<string> {
    return this.server.start(this.options.port ?? 0);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = { 'x-amzn-requestid': randomUUID() };
    const target = String(req.headers['x-amz-target'] ?? '');
    try {
      const text = await readBody(req, 64 * 1024);
      if (req.method !== 'POST' || target !== `${TARGET}DescribeAccount`) {
        throw new OrganizationsError('UnknownOperationException', `Unknown operation ${target || '(none)'}`);
      }
      let input: unknown;
      try {
        input = JSON.parse(text || '{}');
      } catch {
        throw new OrganizationsError('SerializationException', 'Request body is not JSON');
      }
      sendJson(res, 200, { Account: this.describe((input as { AccountId?: unknown }).AccountId) }, headers);
    } catch (err) {
      if (!(err instanceof OrganizationsError)) throw err;
      sendJson(res, 400, { __type: err.code, Message: err.message }, { ...headers, 'x-amzn-errortype': err.code });
    }
  }

  private describe(accountId: unknown) {
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
      throw new OrganizationsError(
        'InvalidInputException',
        "1 validation error detected: Value at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$",
      );
    }
    const account = this.accounts.get(accountId);
    if (!account) {
      throw new OrganizationsError('AccountNotFoundException', "You specified an account that doesn't exist.");
    }
    const organization = `o-${this.options.managementAccount.slice(0, 10)}`;
    return {
      Id: account.id,
      Arn: `arn:aws:organizations::${this.options.managementAccount}:account/${organization}/${account.id}`,
      Email: `aws+${account.id}@example.com`,
      Name: account.name,
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: account.id === this.options.managementAccount ? 'CREATED' : 'INVITED',
      // JSON 1.1 timestamps are epoch seconds.
      JoinedTimestamp: 1_767_225_600,
    };
  }
}

export type { OrganizationAccount };
export { OrganizationsStandIn };
