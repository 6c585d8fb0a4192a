import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { organizationsSdk } from '../aws/sdk-on-first-use';
import type { AccountNames } from '../types/ports';
import type { Logger } from '../types/runtime';

/** Answers that hold for every account: this account may not ask (only the management account and a delegated administrator may), or there is no organization. */
const NOWHERE = new Set(['AccessDeniedException', 'AWSOrganizationsNotInUseException']);

interface OrganizationsAccountNamesOptions {
  /** Called on the first question: a process that never asks never loads the SDK module. */
  readonly client: () => OrganizationsClient;
  readonly logger?: Logger;
}

/**
 * Account names from AWS Organizations (DescribeAccount), each asked once per process. A name is a
 * courtesy: a failure is remembered as "no name" (for every account when this account may not ask, else
 * for that account), never thrown, and never asked again per finding.
 */
class OrganizationsAccountNames implements AccountNames {
  readonly #options: OrganizationsAccountNamesOptions;
  readonly #names = new Map<string, Promise<string | undefined>>();
  #client?: OrganizationsClient;
  #unavailable = false;

  constructor(options: OrganizationsAccountNamesOptions) {
    this.#options = options;
  }

  nameOf(accountId: string): Promise<string | undefined> {
    if (this.#unavailable) return Promise.resolve(undefined);
    let name = this.#names.get(accountId);
    if (!name) {
      name = this.#describe(accountId);
      this.#names.set(accountId, name);
    }
    return name;
  }

  async #describe(accountId: string): Promise<string | undefined> {
    const { DescribeAccountCommand } = organizationsSdk();
    this.#client ??= this.#options.client();
    try {
      const { Account } = await this.#client.send(new DescribeAccountCommand({ AccountId: accountId }));
      return Account?.Name || undefined;
    } catch (err) {
      const name = (err as { name?: string }).name ?? 'Error';
      if (NOWHERE.has(name)) this.#unavailable = true;
      this.#options.logger?.warn('account name unavailable', { accountId, error: name });
      return undefined;
    }
  }
}

export { OrganizationsAccountNames };
