import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../types/runtime';
import { MemberCredentials } from './member-credentials';

/** An S3 client with the door's own client config (endpoint, path style, retries) for another Region or principal. */
type S3ClientFactory = (overrides: {
  readonly region: string;
  /** @default the door's own credentials */
  readonly credentials?: S3ClientConfig['credentials'];
}) => S3Client;

/** How a door lets the engine reach other accounts and Regions. */
interface AccountReach {
  /** Made on first use: only a member account or an unset `accountId` needs STS. */
  readonly sts: () => STSClient;
  readonly s3: S3ClientFactory;
}

interface AccountClientsOptions extends AccountReach {
  /** The engine's own client: its credentials and Region (the home Region) serve the quarantine bucket. */
  readonly home: S3Client;
  /** 12-digit ids; `['*']`: any account. */
  readonly memberAccounts: readonly string[];
  readonly memberRoleName: string;
  /** The account of the credentials in use. @default asked of STS (GetCallerIdentity), once */
  readonly ownAccountId?: string;
  readonly clock: Clock;
}

/** The clients for one object's calls. */
interface ObjectClients {
  /** Calls on the source object, and a restore's copy back: its account's credentials, its Region. */
  readonly source: S3Client;
  /** The copy into quarantine reads the source, so it signs as the source's account; it goes to the home Region. */
  readonly intoQuarantine: S3Client;
}

type ObjectAccess =
  | { readonly ok: true; readonly clients: ObjectClients }
  | { readonly ok: false; readonly reason: string };

/** The own credentials' clients, in the cache beside the member accounts' (whose keys are 12 digits). */
const OWN = 'own';

const describeError = (err: unknown): string => {
  const { name, message } = err as { name?: string; message?: string };
  return name && message && message !== name ? `${name}: ${message}` : String(name ?? message ?? err);
};

/**
 * The S3 clients for an object of any account in any Region. The own account's objects use the own
 * credentials; an in-scope member account's use its member role, assumed once per account (MemberCredentials)
 * and shared across Regions. One client per (account, Region), made on first use and kept.
 */
class AccountClients {
  readonly #options: AccountClientsOptions;
  readonly #credentials: MemberCredentials;
  readonly #clients = new Map<string, S3Client>();
  #ownAccount?: Promise<string>;
  #homeRegion?: Promise<string>;

  constructor(options: AccountClientsOptions) {
    this.#options = options;
    this.#credentials = new MemberCredentials({
      sts: options.sts,
      roleName: options.memberRoleName,
      clock: options.clock,
    });
  }

  /** Absent account: the own account; absent Region: the home Region (copies made before either was recorded). */
  async forObject(account?: string, region?: string): Promise<ObjectAccess> {
    const home = await this.#home();
    const where = region ?? home;
    if (account !== undefined) {
      const own = await this.#own();
      if ('reason' in own) return { ok: false, reason: own.reason };
      if (account !== own.id) return this.#member(account, where, home);
    }
    const source = where === home ? this.#options.home : this.#client(OWN, where);
    return { ok: true, clients: { source, intoQuarantine: this.#options.home } };
  }

  async #member(account: string, region: string, home: string): Promise<ObjectAccess> {
    if (!this.#inScope(account)) {
      return {
        ok: false,
        reason: `account ${account} is not in scope, so nothing was moved: add it to memberAccounts to act on its objects`,
      };
    }
    try {
      await this.#credentials.get(account);
    } catch (err) {
      const role = this.#credentials.roleArn(account);
      return {
        ok: false,
        reason: `cannot assume ${role} in account ${account} (${describeError(err)}): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`,
      };
    }
    return {
      ok: true,
      clients: { source: this.#client(account, region), intoQuarantine: this.#client(account, home) },
    };
  }

  #inScope(account: string): boolean {
    const { memberAccounts } = this.#options;
    return memberAccounts.includes('*') || memberAccounts.includes(account);
  }

  #client(account: string, region: string): S3Client {
    const key = `${account}/${region}`;
    let client = this.#clients.get(key);
    if (!client) {
      client =
        account === OWN
          ? this.#options.s3({ region })
          : this.#options.s3({ region, credentials: () => this.#credentials.get(account) });
      this.#clients.set(key, client);
    }
    return client;
  }

  #home(): Promise<string> {
    this.#homeRegion ??= this.#options.home.config.region();
    return this.#homeRegion;
  }

  async #own(): Promise<{ readonly id: string } | { readonly reason: string }> {
    if (this.#options.ownAccountId) return { id: this.#options.ownAccountId };
    this.#ownAccount ??= this.#options
      .sts()
      .send(new GetCallerIdentityCommand({}))
      .then((identity) => {
        if (!identity.Account) throw new Error('GetCallerIdentity named no account');
        return identity.Account;
      });
    try {
      return { id: await this.#ownAccount };
    } catch (err) {
      this.#ownAccount = undefined;
      return {
        reason: `cannot tell which account the credentials in use belong to (GetCallerIdentity: ${describeError(err)}): set accountId`,
      };
    }
  }
}

export type { AccountClientsOptions, AccountReach, ObjectAccess, ObjectClients, S3ClientFactory };
export { AccountClients };
