import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { OwnAccount } from '../types/ports';
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
  /** Made on first use: only a member account needs STS. */
  readonly sts: () => STSClient;
  readonly s3: S3ClientFactory;
}

interface AccountClientsOptions {
  /** The engine's own client: its credentials and Region (the home Region) serve the quarantine bucket. */
  readonly home: S3Client;
  /** The account of the credentials in use. */
  readonly ownAccount: OwnAccount;
  /** 12-digit ids; `['*']`: any account. */
  readonly memberAccounts: readonly string[];
  readonly memberRoleName: string;
  /** @default none: the own account only, through `home` whatever the Region (a door without STS: the local stack) */
  readonly reach?: AccountReach;
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

interface Reach {
  readonly s3: S3ClientFactory;
  readonly credentials: MemberCredentials;
}

/** The own credentials' clients, in the cache beside the member accounts' (whose keys are 12 digits). */
const OWN = 'own';

const describeError = (err: unknown): string => {
  const { name, message } = err as { name?: string; message?: string };
  return name && message && message !== name ? `${name}: ${message}` : String(message ?? name ?? err);
};

/**
 * The S3 clients for an object of any account in any Region. The own account's objects use the own
 * credentials; an in-scope member account's use its member role, assumed once per account (MemberCredentials)
 * and shared across Regions. One client per (account, Region), made on first use and kept.
 */
class AccountClients {
  readonly #options: AccountClientsOptions;
  readonly #reach?: Reach;
  readonly #clients = new Map<string, S3Client>();
  #homeRegion?: Promise<string>;

  constructor(options: AccountClientsOptions) {
    this.#options = options;
    const { reach, memberRoleName: roleName, clock } = options;
    if (reach) this.#reach = { s3: reach.s3, credentials: new MemberCredentials({ sts: reach.sts, roleName, clock }) };
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
    const source = where === home || !this.#reach ? this.#options.home : this.#client(this.#reach, OWN, where);
    return { ok: true, clients: { source, intoQuarantine: this.#options.home } };
  }

  async #member(account: string, region: string, home: string): Promise<ObjectAccess> {
    if (!this.#inScope(account)) {
      return {
        ok: false,
        reason: `account ${account} is not in scope, so nothing was moved: add it to memberAccounts to act on its objects`,
      };
    }
    const reach = this.#reach;
    if (!reach) return { ok: false, reason: `account ${account} is out of reach: this door assumes no member role` };
    try {
      await reach.credentials.get(account);
    } catch (err) {
      const role = reach.credentials.roleArn(account);
      return {
        ok: false,
        reason: `cannot assume ${role} in account ${account} (${describeError(err)}): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`,
      };
    }
    return {
      ok: true,
      clients: { source: this.#client(reach, account, region), intoQuarantine: this.#client(reach, account, home) },
    };
  }

  #inScope(account: string): boolean {
    const { memberAccounts } = this.#options;
    return memberAccounts.includes('*') || memberAccounts.includes(account);
  }

  #client(reach: Reach, account: string, region: string): S3Client {
    const key = `${account}/${region}`;
    let client = this.#clients.get(key);
    if (!client) {
      client =
        account === OWN
          ? reach.s3({ region })
          : reach.s3({ region, credentials: () => reach.credentials.get(account) });
      this.#clients.set(key, client);
    }
    return client;
  }

  #home(): Promise<string> {
    this.#homeRegion ??= this.#options.home.config.region();
    return this.#homeRegion;
  }

  async #own(): Promise<{ readonly id: string } | { readonly reason: string }> {
    try {
      return { id: await this.#options.ownAccount() };
    } catch (err) {
      return { reason: `cannot tell which account the credentials in use belong to (${describeError(err)})` };
    }
  }
}

export type { AccountClientsOptions, AccountReach, ObjectAccess, ObjectClients, S3ClientFactory };
export { AccountClients };
