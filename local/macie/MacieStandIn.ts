import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/types';
import { ANY, FaultQueue } from '../http/FaultQueue';
import { LocalHttpServer } from '../http/LocalHttpServer';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/reply';
import { createSampleFindings } from './create-sample-findings';
import { FindingStore } from './FindingStore';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './finding-base';
import { FindingsFilters } from './findings-filters';
import { FindingsPublication } from './findings-publication';
import { getFindingStatistics } from './get-finding-statistics';
import { getFindings } from './get-findings';
import { listFindings } from './list-findings';
import { MacieApiError, sendMacieError } from './macie-errors';
import type { MacieFindingJson } from './types';

type MacieOperation =
  | 'ListFindings'
  | 'GetFindings'
  | 'GetFindingStatistics'
  | 'CreateSampleFindings'
  | 'GetMacieSession'
  | 'CreateFindingsFilter'
  | 'ListFindingsFilters'
  | 'GetFindingsFilter'
  | 'DeleteFindingsFilter'
  | 'GetFindingsPublicationConfiguration'
  | 'PutFindingsPublicationConfiguration';

/** Routes of the Macie2 restJson1 protocol that the stand-in implements. */
const ROUTES: Readonly<Record<string, MacieOperation>> = {
  'POST /findings': 'ListFindings',
  'POST /findings/describe': 'GetFindings',
  'POST /findings/statistics': 'GetFindingStatistics',
  'POST /findings/sample': 'CreateSampleFindings',
  'GET /macie': 'GetMacieSession',
  'POST /findingsfilters': 'CreateFindingsFilter',
  'GET /findingsfilters': 'ListFindingsFilters',
  'GET /findingsfilters/{id}': 'GetFindingsFilter',
  'DELETE /findingsfilters/{id}': 'DeleteFindingsFilter',
  'GET /findings-publication-configuration': 'GetFindingsPublicationConfiguration',
  'PUT /findings-publication-configuration': 'PutFindingsPublicationConfiguration',
};

/** The route of a request: its path with a findings filter's id as `{id}`, and that id. */
function routeOf(method: string, path: string): { readonly operation?: MacieOperation; readonly id?: string } {
  const filter = /^\/findingsfilters\/([^/]+)$/.exec(path);
  const id = filter?.[1] ? decodeURIComponent(filter[1]) : undefined;
  const operation = ROUTES[`${method} ${id === undefined ? path : '/findingsfilters/{id}'}`];
  return { ...(operation ? { operation } : {}), ...(id === undefined ? {} : { id }) };
}

/** ENABLED and PAUSED answer as usual (GetMacieSession reports the status); DISABLED denies every call. */
type MacieStatus = 'ENABLED' | 'PAUSED' | 'DISABLED';

interface MacieRequest {
  readonly operation: MacieOperation | undefined;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly query: URLSearchParams;
  /** A findings filter's id, from the path. */
  readonly id: string;
}

interface MacieStandInOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Account and Region of sample findings and the session. @default 111122223333, us-east-1 */
  readonly accountId?: string;
  readonly region?: string;
  /** The largest ListFindings page; larger maxResults values are a ValidationException. @default 50 */
  readonly maxPageSize?: number;
  /** @default () => new Date() */
  readonly clock?: Clock;
  /** Whether sensitive-data findings go to Security Hub. @default false (Macie's default) */
  readonly publishClassificationFindings?: boolean;
}

type Fault = {
  readonly error: 'ThrottlingException' | 'InternalServerException' | 'AccessDeniedException';
  readonly message: string;
};

/**
 * A local Amazon Macie (Macie2 REST-JSON API) that `@aws-sdk/client-macie2` and the AWS CLI talk to unchanged:
 * ListFindings, GetFindings, GetFindingStatistics, CreateSampleFindings, GetMacieSession and the findings
 * filters (Create/List/Get/DeleteFindingsFilter) and the Security Hub publication settings
 * (Get/PutFindingsPublicationConfiguration) over an in-memory finding store, with fault injection and a request log
 * for tests. Emits `finding` for every finding added.
 */
class MacieStandIn extends EventEmitter<{ finding: [MacieFindingJson] }> {
  private readonly store = new FindingStore();
  private readonly faults = new FaultQueue<Fault>();
  private readonly log: MacieRequest[] = [];
  private readonly server = new LocalHttpServer('Macie stand-in', (req, res) => this.handle(req, res));
  private readonly clock: Clock;
  private readonly accountId: string;
  private readonly region: string;
  private readonly maxPageSize: number;
  private readonly sessionCreatedAt: Date;
  private readonly filters: FindingsFilters;
  private readonly publication: FindingsPublication;
  private status: MacieStatus = 'ENABLED';

  constructor(private readonly options: MacieStandInOptions = {}) {
    super();
    this.clock = options.clock ?? (() => new Date());
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT;
    this.region = options.region ?? DEFAULT_REGION;
    this.maxPageSize = options.maxPageSize ?? 50;
    this.sessionCreatedAt = this.clock();
    this.filters = new FindingsFilters(this.accountId, this.region);
    this.publication = new FindingsPublication(options.publishClassificationFindings);
  }

  /** Starts listening on 127.0.0.1; resolves to the endpoint URL for the SDK or `AWS_ENDPOINT_URL_MACIE2`. */
  start(): Promise<string> {
    return this.server.start(this.options.port ?? 0);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  /**
   * Adds (or updates) findings. Those an ARCHIVE filter matches are stored archived and publish no event, as
   * Macie's suppression rules treat new and subsequent occurrences.
   */
  add(...findings: MacieFindingJson[]): void {
    const stored = findings.map((finding) =>
      !finding.archived && this.filters.suppresses(finding) ? { ...finding, archived: true } : finding,
    );
    this.store.add(stored);
    if (this.listenerCount('finding') === 0) return;
    for (const finding of stored) if (!finding.archived) this.emit('finding', finding);
  }

  all(): MacieFindingJson[] {
    return this.store.all();
  }

  get(id: string): MacieFindingJson | undefined {
    return this.store.get(id);
  }

  /** Forgets every finding and findings filter. */
  clear(): void {
    this.store.clear();
    this.filters.clear();
  }

  setStatus(status: MacieStatus): void {
    this.status = status;
  }

  /** The next `times` calls (to `operation`, or any) answer 429 ThrottlingException. */
  throttleNext(times = 1, operation: MacieOperation | typeof ANY = ANY): void {
    this.faults.add(operation, { error: 'ThrottlingException', message: 'Rate exceeded' }, times);
  }

  /** The next `times` calls (to `operation`, or any) answer 500 InternalServerException. */
  failNext(times = 1, operation: MacieOperation | typeof ANY = ANY): void {
    this.faults.add(operation, { error: 'InternalServerException', message: 'Internal server error' }, times);
  }

  /** The next `times` calls to `operation` answer 403 AccessDeniedException, as IAM does without the permission. */
  denyNext(operation: MacieOperation, times = 1): void {
    const message = `User: arn:aws:iam::${this.accountId}:user/testing is not authorized to perform: macie2:${operation}`;
    this.faults.add(operation, { error: 'AccessDeniedException', message }, times);
  }

  /** Every request received, in order, with its parsed JSON body and the status answered. */
  requests(): readonly MacieRequest[] {
    return [...this.log];
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://macie.local');
    const path = url.pathname;
    const { operation, id } = routeOf(method, path);
    const text = await readBody(req);
    const requestId = randomUUID();
    let body: unknown;
    let status = 200;
    try {
      body = text === '' ? {} : parseJson(text);
      const result = this.run(operation, { method, path, body, query: url.searchParams, id: id ?? '' });
      sendJson(res, 200, result, { 'x-amzn-requestid': requestId });
    } catch (err) {
      if (!(err instanceof MacieApiError)) throw err;
      status = err.status;
      sendMacieError(res, err, requestId);
    } finally {
      this.log.push({ operation, method, path, body, status });
    }
  }

  private run(operation: MacieOperation | undefined, request: ParsedRequest): unknown {
    const { method, path, body } = request;
    if (!operation) {
      throw new MacieApiError(
        'UnknownOperationException',
        `The Macie stand-in has no operation at ${method} ${path}; it implements ${Object.keys(ROUTES).join(', ')}.`,
      );
    }
    const fault = this.faults.take(operation);
    if (fault) throw new MacieApiError(fault.error, fault.message);
    // A disabled account is denied everything, GetMacieSession included, with this exact message.
    if (this.status === 'DISABLED') throw new MacieApiError('AccessDeniedException', 'Macie is not enabled.');
    switch (operation) {
      case 'ListFindings':
        return listFindings(this.store, body, this.maxPageSize);
      case 'GetFindings':
        return getFindings(this.store, body);
      case 'GetFindingStatistics':
        return getFindingStatistics(this.store, body);
      case 'CreateSampleFindings':
        this.add(
          ...createSampleFindings(this.store, body, {
            accountId: this.accountId,
            region: this.region,
            now: this.clock(),
          }),
        );
        return {};
      case 'GetMacieSession':
        return this.session();
      case 'CreateFindingsFilter':
        return this.filters.create(body);
      case 'ListFindingsFilters':
        return this.filters.list(request.query);
      case 'GetFindingsFilter':
        return this.filters.get(request.id);
      case 'DeleteFindingsFilter':
        return this.filters.delete(request.id);
      case 'GetFindingsPublicationConfiguration':
        return this.publication.get();
      case 'PutFindingsPublicationConfiguration':
        return this.publication.put(body);
    }
  }

  private session() {
    return {
      createdAt: this.sessionCreatedAt.toISOString(),
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: `arn:aws:iam::${this.accountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
      status: this.status,
      updatedAt: this.sessionCreatedAt.toISOString(),
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MacieApiError('ValidationException', 'The request body is not valid JSON.');
  }
}

export type { MacieOperation, MacieRequest, MacieStandInOptions, MacieStatus };
export { MacieStandIn };
