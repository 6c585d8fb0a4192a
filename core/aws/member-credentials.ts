import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../types/runtime';

/** What S3 clients sign with: the member role's temporary credentials. */
interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** Fresh credentials are taken this long before the old ones expire, so no call starts with a dying session. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;
const SESSION_NAME = 'macie-remediate';

const memberRoleArn = (account: string, roleName: string): string => `arn:aws:iam::${account}:role/${roleName}`;

/**
 * The member role's credentials, one AssumeRole per account: cached until five minutes before they expire
 * and shared by every Region's client; concurrent moves in one account wait on the same request. A refusal
 * is not cached: the next object asks again (the member stack may have been deployed meanwhile).
 */
class MemberCredentials {
  readonly #sts: () => STSClient;
  readonly #roleName: string;
  readonly #clock: Clock;
  /** Per account: the request in flight, then its answer once it came. */
  readonly #cached = new Map<string, { readonly request: Promise<RoleCredentials>; answer?: RoleCredentials }>();

  constructor(options: { readonly sts: () => STSClient; readonly roleName: string; readonly clock: Clock }) {
    this.#sts = options.sts;
    this.#roleName = options.roleName;
    this.#clock = options.clock;
  }

  roleArn(account: string): string {
    return memberRoleArn(account, this.#roleName);
  }

  /** @throws the STS failure (AccessDenied, NoSuchEntity, network) as the SDK reports it. */
  get(account: string): Promise<RoleCredentials> {
    const cached = this.#cached.get(account);
    if (cached && (!cached.answer || this.#fresh(cached.answer))) return cached.request;
    const entry: { readonly request: Promise<RoleCredentials>; answer?: RoleCredentials } = {
      request: this.#assume(account),
    };
    this.#cached.set(account, entry);
    entry.request.then(
      (answer) => {
        entry.answer = answer;
      },
      () => {
        if (this.#cached.get(account) === entry) this.#cached.delete(account);
      },
    );
    return entry.request;
  }

  #fresh(credentials: RoleCredentials): boolean {
    return credentials.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > this.#clock().getTime();
  }

  async #assume(account: string): Promise<RoleCredentials> {
    const output = await this.#sts().send(
      new AssumeRoleCommand({ RoleArn: this.roleArn(account), RoleSessionName: SESSION_NAME }),
    );
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error(`AssumeRole ${this.roleArn(account)} returned no credentials`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
}

export type { RoleCredentials };
export { MemberCredentials, memberRoleArn, REFRESH_BEFORE_EXPIRY_MS };
