import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/types';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { signingKeyOf } from '../http/signing-key';
import { StsApiError, validationError } from './sts-errors';
import { assumeRoleXml, callerIdentityXml, errorXml } from './sts-xml';

const VERSION = '2011-06-15';
/** A role's default MaxSessionDuration: longer sessions are refused as STS refuses them. */
const MAX_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 900;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** A long-term key pair of an IAM user (`arn:aws:iam::<account>:user/<name>`). */
interface StsUser {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly arn: string;
}

/** Who signs with a key: what GetCallerIdentity answers for it. */
interface StsPrincipal {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** Temporary credentials the stand-in issued, and whose they are. */
interface IssuedCredentials extends StsPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

interface StsRequest {
  readonly action: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly status: number;
}

interface StsStandInOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  readonly users: readonly StsUser[];
  /** The role ARNs that exist; AssumeRole into any other is AccessDenied. */
  readonly roles: readonly string[];
  /** @default () => new Date() */
  readonly clock?: Clock;
}

const accountOf = (arn: string): string => arn.split(':')[4] ?? '';
const lastSegment = (arn: string): string => arn.split('/').at(-1) ?? '';

/** A stable IAM-style unique id (`AIDA…` user, `AROA…` role) for an ARN. */
const uniqueId = (prefix: string, arn: string): string =>
  prefix + createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase();

/** 20 characters of an access key id's alphabet after the `ASIA` of temporary keys. */
const temporaryKeyId = (): string =>
  `ASIA${Array.from(randomBytes(16), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`;

/**
 * A local AWS STS (the query protocol, version 2011-06-15) that the SDK and the AWS CLI talk to unchanged:
 * AssumeRole into the roles it is given, issuing credentials whose key id tells it the account and assumed
 * role, and GetCallerIdentity for any key it knows. Unknown keys, expired sessions and roles it does not
 * define are refused with STS's codes. Emits `issued` for each set of credentials, so S3 can accept them.
 */
class StsStandIn extends EventEmitter<{ issued: [IssuedCredentials] }> {
  private readonly server = new LocalHttpServer('STS stand-in', (req, res) => this.handle(req, res));
  private readonly principals = new Map<string, StsPrincipal & { sessionToken?: string; expiration?: Date }>();
  private readonly roles: Set<string>;
  private readonly clock: Clock;
  private readonly log: StsRequest[] = [];

  constructor(private readonly options: StsStandInOptions) {
    super();
    this.clock = options.clock ?? (() => new Date());
    this.roles = new Set(options.roles);
    for (const user of options.users) {
      this.principals.set(user.accessKeyId, {
        account: accountOf(user.arn),
        arn: user.arn,
        userId: uniqueId('AIDA', user.arn),
      });
    }
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<string> {
    return this.server.start(this.options.port ?? 0);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Who signs with this access key id, if the stand-in issued or was given it. */
  identify(accessKeyId: string): StsPrincipal | undefined {
    const found = this.principals.get(accessKeyId);
    return found && { account: found.account, arn: found.arn, userId: found.userId };
  }

  /** Removes a role, as when its stack is deleted: later AssumeRole calls into it are AccessDenied. */
  deleteRole(roleArn: string): void {
    this.roles.delete(roleArn);
  }

  requests(): readonly StsRequest[] {
    return [...this.log];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const params = new URLSearchParams(new URL(req.url ?? '/', 'http://local').search);
    for (const [name, value] of new URLSearchParams(await readBody(req))) params.set(name, value);
    const action = params.get('Action') ?? undefined;
    const accessKeyId = signingKeyOf(req.headers, req.url);
    let status = 200;
    let body: string;
    try {
      const caller = this.authenticate(req, accessKeyId);
      if (params.get('Version') !== VERSION || (action !== 'AssumeRole' && action !== 'GetCallerIdentity')) {
        throw new StsApiError(
          'InvalidAction',
          `Could not find operation ${action} for version ${params.get('Version')}`,
        );
      }
      body =
        action === 'AssumeRole'
          ? assumeRoleXml(this.assumeRole(caller, params), requestId)
          : callerIdentityXml(caller, requestId);
    } catch (err) {
      if (!(err instanceof StsApiError)) throw err;
      status = err.status;
      body = errorXml(err, requestId);
    }
    this.log.push({ action, accessKeyId, status });
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': requestId,
    });
    res.end(body);
  }

  private authenticate(req: IncomingMessage, accessKeyId: string | undefined): StsPrincipal {
    if (!accessKeyId) throw new StsApiError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    const principal = this.principals.get(accessKeyId);
    const token =
      req.headers['x-amz-security-token'] ??
      new URL(req.url ?? '/', 'http://local').searchParams.get('X-Amz-Security-Token');
    if (!principal || (principal.sessionToken !== undefined && token !== principal.sessionToken)) {
      throw new StsApiError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    if (principal.expiration && principal.expiration.getTime() <= this.clock().getTime()) {
      throw new StsApiError('ExpiredToken', 'The security token included in the request is expired');
    }
    return principal;
  }

  private assumeRole(caller: StsPrincipal, params: URLSearchParams) {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (roleArn === null) throw validationError(null, 'roleArn', 'Member must not be null');
    if (sessionName === null) throw validationError(null, 'roleSessionName', 'Member must not be null');
    if (!SESSION_NAME.test(sessionName)) {
      throw validationError(
        sessionName,
        'roleSessionName',
        'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
      );
    }
    const duration = Number(params.get('DurationSeconds') ?? MAX_SESSION_SECONDS);
    if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS) {
      throw validationError(
        params.get('DurationSeconds'),
        'durationSeconds',
        `Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`,
      );
    }
    if (!this.roles.has(roleArn)) {
      throw new StsApiError(
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    }
    if (duration > MAX_SESSION_SECONDS) {
      throw new StsApiError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }
    const account = accountOf(roleArn);
    const assumedRoleId = `${uniqueId('AROA', roleArn)}:${sessionName}`;
    const assumedRoleArn = `arn:aws:sts::${account}:assumed-role/${lastSegment(roleArn)}/${sessionName}`;
    // Whole seconds, as STS answers them.
    const expiration = new Date(Math.floor(this.clock().getTime() / 1000) * 1000 + duration * 1000);
    const credentials: IssuedCredentials = {
      account,
      arn: assumedRoleArn,
      userId: assumedRoleId,
      accessKeyId: temporaryKeyId(),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration,
    };
    this.principals.set(credentials.accessKeyId, credentials);
    this.emit('issued', credentials);
    return { assumedRoleArn, assumedRoleId, credentials };
  }
}

export type { IssuedCredentials, StsPrincipal, StsRequest, StsStandInOptions, StsUser };
export { StsStandIn };
