import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/types';
import { ANY, FaultQueue } from '../http/FaultQueue';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/reply';
import type { MacieFindingJson } from '../macie/types';
import type { AsffFinding } from './asff';
import { asffForMacie } from './asff-for-macie';
import { applyUpdate, parseUpdate } from './batch-update-findings';
import { getFindings } from './get-findings';
import { SecurityHubApiError, type SecurityHubErrorType, sendSecurityHubError } from './securityhub-errors';

type SecurityHubOperation = 'GetFindings' | 'BatchUpdateFindings';

/** Routes of the Security Hub restJson1 protocol the stand-in implements (the SDK's serializer: method and path). */
const ROUTES: Readonly<Record<string, SecurityHubOperation>> = {
  'POST /findings': 'GetFindings',
  'PATCH /findings/batchupdate': 'BatchUpdateFindings',
};

interface SecurityHubRequest {
  readonly operation: SecurityHubOperation | undefined;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

interface SecurityHubStandInOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default () => new Date() */
  readonly clock?: Clock;
}

type Fault = { readonly error: SecurityHubErrorType; readonly message: string };

const keyOf = (id: string, productArn: string): string => `${productArn}\n${id}`;

/**
 * A local AWS Security Hub (restJson1) that `@aws-sdk/client-securityhub` and the AWS CLI talk to unchanged:
 * GetFindings (string filters, pagination) and BatchUpdateFindings (workflow status, note, user-defined
 * fields, unprocessed findings) over an in-memory set of ASFF findings. Tests seed findings with `add` or
 * `publish` (a Macie finding, as Macie publishes it); `down` answers every call 500 until `up`. Emits
 * `updated` for every finding an update changed.
 */
class SecurityHubStandIn extends EventEmitter<{ updated: [AsffFinding] }> {
  private readonly findings = new Map<string, AsffFinding>();
  private readonly faults = new FaultQueue<Fault>();
  private readonly log: SecurityHubRequest[] = [];
  private readonly server = new LocalHttpServer('Security Hub stand-in', (req, res) => this.handle(req, res));
  private readonly clock: Clock;
  private isDown = false;

  constructor(private readonly options: SecurityHubStandInOptions = {}) {
    super();
    this.clock = options.clock ?? (() => new Date());
  }

  /** Starts listening on 127.0.0.1; resolves to the endpoint URL for the SDK or `AWS_ENDPOINT_URL_SECURITYHUB`. */
  start(): Promise<string> {
    return this.server.start(this.options.port ?? 0);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  add(...findings: AsffFinding[]): void {
    for (const finding of findings) this.findings.set(keyOf(finding.Id, finding.ProductArn), finding);
  }

  /** Imports a Macie finding as Macie publishes it (with publishClassificationFindings on). */
  publish(finding: MacieFindingJson): AsffFinding {
    const asff = asffForMacie(finding, this.clock());
    this.add(asff);
    return asff;
  }

  all(): AsffFinding[] {
    return [...this.findings.values()];
  }

  /** The finding Security Hub holds for a Macie finding id, if any. */
  forMacieFinding(findingId: string): AsffFinding | undefined {
    return this.all().find((finding) => finding.Id === findingId && finding.ProductName === 'Macie');
  }

  clear(): void {
    this.findings.clear();
  }

  /** Every call answers 500 InternalException until `up()`. */
  down(): void {
    this.isDown = true;
  }

  up(): void {
    this.isDown = false;
  }

  /** The next `times` calls (to `operation`, or any) answer with this error. */
  failNext(
    times = 1,
    operation: SecurityHubOperation | typeof ANY = ANY,
    error: SecurityHubErrorType = 'InternalException',
  ): void {
    this.faults.add(operation, { error, message: `injected ${error}` }, times);
  }

  /** Every request received, in order, with its parsed JSON body and the status answered. */
  requests(): readonly SecurityHubRequest[] {
    return [...this.log];
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const operation = ROUTES[`${method} ${path}`];
    const text = await readBody(req);
    const requestId = randomUUID();
    let body: unknown;
    let status = 200;
    try {
      body = text === '' ? {} : parseJson(text);
      sendJson(res, 200, this.run(operation, method, path, body), { 'x-amzn-requestid': requestId });
    } catch (err) {
      if (!(err instanceof SecurityHubApiError)) throw err;
      status = err.status;
      sendSecurityHubError(res, err, requestId);
    } finally {
      this.log.push({ operation, method, path, body, status });
    }
  }

  private run(operation: SecurityHubOperation | undefined, method: string, path: string, body: unknown): unknown {
    if (!operation) {
      throw new SecurityHubApiError(
        'InvalidInputException',
        `The Security Hub stand-in has no operation at ${method} ${path}; it implements ${Object.keys(ROUTES).join(', ')}.`,
      );
    }
    if (this.isDown) throw new SecurityHubApiError('InternalException', 'Internal service error');
    const fault = this.faults.take(operation);
    if (fault) throw new SecurityHubApiError(fault.error, fault.message);
    return operation === 'GetFindings' ? getFindings(this.all(), body) : this.batchUpdate(body);
  }

  private batchUpdate(body: unknown): unknown {
    const update = parseUpdate(body);
    const at = this.clock().toISOString();
    const processed = [];
    const unprocessed = [];
    for (const identifier of update.identifiers) {
      const key = keyOf(identifier.Id, identifier.ProductArn);
      const finding = this.findings.get(key);
      if (!finding) {
        unprocessed.push({
          FindingIdentifier: identifier,
          ErrorCode: 'FindingNotFound',
          ErrorMessage: 'Finding Not Found',
        });
        continue;
      }
      const updated = applyUpdate(finding, update, at);
      this.findings.set(key, updated);
      processed.push(identifier);
      this.emit('updated', updated);
    }
    return { ProcessedFindings: processed, UnprocessedFindings: unprocessed };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SecurityHubApiError('InvalidInputException', 'The request body is not valid JSON.');
  }
}

export type { SecurityHubOperation, SecurityHubRequest, SecurityHubStandInOptions };
export { SecurityHubStandIn };
