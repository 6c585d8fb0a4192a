import type { STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../types/runtime';
import { stsSdk } from './sdk-on-first-use';

/** What S3 clients sign with: the member role's temporary credentials. */
interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** Fresh credentials are taken this long before the old ones expire, so no call starts with a dying session. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;
/** A refusal is remembered this long per account: a run over many objects asks STS at most once a minute. */
const REFUSAL_TTL_MS = 60 * 1000;
const SESSION_NAME = 'macie-remediate';

interface Entry {
  readonly request: Promise<RoleCredentials>;
  answer?: RoleCredentials;
  refusedUntil?: number;
}

const memberRoleArn = (account: string, roleName: string): string => `arn:aws:iam::${account}:role/${roleName}`;

/**
 * The member role's credentials, one AssumeRole per account: cached until five minutes before they expire
 * and shared by every Region's client; concurrent moves in one account wait on the same request. A refusal
 * is kept for a minute only (the member stack may be deployed meanwhile), so a backfill of an account without
 * the role asks STS once a minute, not once per object.
 */
class MemberCredentials {
  readonly #sts: () => STSClient;
  readonly #roleName: string;
  readonly #clock: Clock;
  /** Per account: the request in flight, then its answer or until when its refusal stands. */
  readonly #cached = new Map<string, Entry>();

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
    if (cached && this.#stands(cached)) return cached.request;
    const entry: Entry = { request: this.#assume(account) };
    this.#cached.set(account, entry);
    entry.request.then(
      (answer) => {
        entry.answer = answer;
      },
      () => {
        entry.refusedUntil = this.#clock().getTime() + REFUSAL_TTL_MS;
      },
    );
    return entry.request;
  }

  /** In flight, fresh credentials, or a recent refusal: the same answer again. */
  #stands(entry: Entry): boolean {
    const now = this.#clock().getTime();
    if (entry.answer) return entry.answer.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > now;
    return entry.refusedUntil === undefined || now < entry.refusedUntil;
  }

  async #assume(account: string): Promise<RoleCredentials> {
    const output = await this.#sts().send(
      new (stsSdk().AssumeRoleCommand)({ RoleArn: this.roleArn(account), RoleSessionName: SESSION_NAME }),
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
export { MemberCredentials, memberRoleArn, REFRESH_BEFORE_EXPIRY_MS, REFUSAL_TTL_MS };
