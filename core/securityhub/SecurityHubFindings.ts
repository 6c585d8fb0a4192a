import type { AwsSecurityFinding, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { RateLimiter } from '../aws/rate-limiter';
import { securityHubSdk } from '../aws/sdk-on-first-use';
import { RemediateError } from '../errors';
import { sdkErrorName } from '../ledger/sdk-error-name';
import type { LedgerRecord, SecurityHubRef } from '../types/ledger';
import type { FindingsHub, FindingsHubUpdate } from '../types/ports';
import { UPDATED_BY } from './hub-update';

/** GetFindings' largest page. */
const PAGE_SIZE = 100;

/** GetFindings takes up to 20 values for one filter attribute: the look-ups one call carries. */
const LOOKUPS_PER_CALL = 20;

/** How long one shared look-up may take, its pages together: a call that hangs must not hold up the ones after it. */
const LOOKUP_TIME_LIMIT_MS = 30_000;

/** Awaited before each request of a kind: Security Hub throttles each operation on its own. */
interface SecurityHubPace {
  readonly lookups: () => Promise<void>;
  readonly updates: () => Promise<void>;
}

/**
 * Security Hub's documented throttling, per account and Region: GetFindings 3 requests a second (bursts of 6),
 * BatchUpdateFindings 10 (bursts of 30). Kept to from this process, a bulk run is not throttled into owing its
 * updates; other processes of the account (the stack's functions) share the quota, and the SDK's retry absorbs that.
 */
function securityHubPace(): SecurityHubPace {
  const lookups = new RateLimiter(3, { burst: 6 });
  const updates = new RateLimiter(10, { burst: 30 });
  return { lookups: () => lookups.take(), updates: () => updates.take() };
}

const equalsAny = (values: readonly string[]) =>
  [...new Set(values)].map((value) => ({ Value: value, Comparison: 'EQUALS' as const }));

const resourceArn = (record: LedgerRecord): string => `arn:aws:s3:::${record.source.bucket}/${record.source.key}`;

/** A record waiting for its Security Hub identifiers. */
interface Lookup {
  readonly record: LedgerRecord;
  resolve(ref: SecurityHubRef | undefined): void;
  reject(err: unknown): void;
}

/**
 * Whether this Security Hub finding is the Macie finding `findingId`. No ASFF Id format is documented for
 * Macie, so nothing is composed: the Macie id must appear as the finding's Id (or its last path segment),
 * or as one of its ProductFields values (or their last segment), as read back.
 */
function carries(finding: AwsSecurityFinding, findingId: string): boolean {
  const names = [finding.Id, ...Object.values(finding.ProductFields ?? {})];
  return names.some((name) => name === findingId || name?.endsWith(`/${findingId}`));
}

/**
 * Security Hub's copy of Macie's findings, over @aws-sdk/client-securityhub. `locate` reads the identifiers
 * back with GetFindings (product Macie, the finding's account and the object's ARN as the resource: filters
 * the ASFF documents); `update` is BatchUpdateFindings, a finding it leaves unprocessed counting as a failure.
 *
 * GetFindings is throttled at 3 requests a second, so look-ups share calls: one goes out at once when none
 * is under way and the quota allows (a single finding waits for nothing), and those asked for meanwhile (a
 * bulk run's jobs) go together in the next call, 20 at most, once its turn at the quota has come
 * ({@link securityHubPace}: every request waits for its turn).
 */
class SecurityHubFindings implements FindingsHub {
  /** Made at the first call: a process that updates nothing never loads the SDK module. */
  readonly #client: () => SecurityHubClient;
  readonly #timeLimitMs: number;
  readonly #pace: SecurityHubPace;
  #waiting: Lookup[] = [];
  #lookingUp = false;

  constructor(options: {
    readonly client: () => SecurityHubClient;
    /** How long one look-up call may take before it fails (its look-ups owed). @default 30 s */
    readonly lookupTimeLimitMs?: number;
    /** @default Security Hub's documented quotas ({@link securityHubPace}) */
    readonly pace?: SecurityHubPace;
  }) {
    this.#client = options.client;
    this.#timeLimitMs = options.lookupTimeLimitMs ?? LOOKUP_TIME_LIMIT_MS;
    this.#pace = options.pace ?? securityHubPace();
  }

  locate(record: LedgerRecord): Promise<SecurityHubRef | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ record, resolve, reject });
      if (!this.#lookingUp) void this.#lookUpWaiting();
    });
  }

  /**
   * One GetFindings at a time, each for up to 20 of the look-ups waiting; never rejects. The call's turn at the
   * quota comes first, so the look-ups asked for while it waited go in the same call.
   */
  async #lookUpWaiting(): Promise<void> {
    this.#lookingUp = true;
    try {
      while (this.#waiting.length > 0) {
        await this.#pace.lookups();
        const batch = this.#waiting.splice(0, LOOKUPS_PER_CALL);
        try {
          const found = await this.#find(batch.map((lookup) => lookup.record));
          for (const lookup of batch) lookup.resolve(found.get(lookup.record.findingId));
        } catch (err) {
          for (const lookup of batch) lookup.reject(err);
        }
      }
    } finally {
      this.#lookingUp = false;
    }
  }

  /** The identifiers of the records' findings Security Hub holds, by Macie finding id, read in one paged call. */
  #find(records: readonly LedgerRecord[]): Promise<Map<string, SecurityHubRef>> {
    const accounts = records.map((record) => record.finding?.accountId);
    const filters = {
      ProductName: equalsAny(['Macie']),
      ResourceId: equalsAny(records.map(resourceArn)),
      // The account narrows the search only when every record names its own (a bucket's ARN names it anyway).
      ...(accounts.every((account) => account !== undefined) ? { AwsAccountId: equalsAny(accounts) } : {}),
    };
    const ids = records.map((record) => record.findingId);
    return this.#call('GetFindings', { findingIds: ids }, async () => {
      const found = new Map<string, SecurityHubRef>();
      const abortSignal = AbortSignal.timeout(this.#timeLimitMs);
      let nextToken: string | undefined;
      do {
        // The first page's turn was taken before the call's look-ups were.
        if (nextToken) await this.#pace.lookups();
        const page = await this.#client().send(
          new (securityHubSdk().GetFindingsCommand)({
            Filters: filters,
            MaxResults: PAGE_SIZE,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
          { abortSignal },
        );
        for (const finding of page.Findings ?? []) {
          const id = ids.find((wanted) => !found.has(wanted) && carries(finding, wanted));
          if (id && finding.Id && finding.ProductArn) found.set(id, { id: finding.Id, productArn: finding.ProductArn });
        }
        nextToken = page.NextToken || undefined;
      } while (nextToken && found.size < new Set(ids).size);
      return found;
    });
  }

  async update(ref: SecurityHubRef, update: FindingsHubUpdate): Promise<void> {
    await this.#pace.updates();
    const answer = await this.#call('BatchUpdateFindings', { findingId: ref.id }, () =>
      this.#client().send(
        new (securityHubSdk().BatchUpdateFindingsCommand)({
          FindingIdentifiers: [{ Id: ref.id, ProductArn: ref.productArn }],
          Workflow: { Status: update.status },
          Note: { Text: update.note, UpdatedBy: UPDATED_BY },
          UserDefinedFields: { ...update.fields },
        }),
      ),
    );
    const [unprocessed] = answer.UnprocessedFindings ?? [];
    if (unprocessed) {
      throw new RemediateError(
        'SECURITY_HUB_FAILED',
        `Security Hub did not update the finding: ${unprocessed.ErrorCode} ${unprocessed.ErrorMessage}`,
        { context: { findingId: ref.id } },
      );
    }
  }

  /** Any failure to reach Security Hub, or a refusal, is SECURITY_HUB_FAILED: owed, never fatal. */
  async #call<T>(operation: string, context: Readonly<Record<string, unknown>>, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const reason = sdkErrorName(err) ?? 'unexpected error';
      throw new RemediateError('SECURITY_HUB_FAILED', `Security Hub ${operation} failed: ${reason}`, {
        cause: err,
        context,
      });
    }
  }
}

export type { SecurityHubPace };
export { SecurityHubFindings };
