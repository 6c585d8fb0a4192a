import type { AwsSecurityFinding, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { securityHubSdk } from '../aws/sdk-on-first-use';
import { RemediateError } from '../errors';
import { sdkErrorName } from '../ledger/sdk-error-name';
import type { LedgerRecord, SecurityHubRef } from '../types/ledger';
import type { FindingsHub, FindingsHubUpdate } from '../types/ports';
import { UPDATED_BY } from './hub-update';

/** GetFindings' largest page. */
const PAGE_SIZE = 100;

const equals = (value: string) => [{ Value: value, Comparison: 'EQUALS' as const }];

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
 */
class SecurityHubFindings implements FindingsHub {
  /** Made at the first call: a process that updates nothing never loads the SDK module. */
  readonly #client: () => SecurityHubClient;

  constructor(options: { readonly client: () => SecurityHubClient }) {
    this.#client = options.client;
  }

  async locate(record: LedgerRecord): Promise<SecurityHubRef | undefined> {
    const { bucket, key } = record.source;
    const filters = {
      ProductName: equals('Macie'),
      ResourceId: equals(`arn:aws:s3:::${bucket}/${key}`),
      ...(record.finding ? { AwsAccountId: equals(record.finding.accountId) } : {}),
    };
    return this.#call('GetFindings', record.findingId, async () => {
      const pages = securityHubSdk().paginateGetFindings(
        { client: this.#client(), pageSize: PAGE_SIZE },
        { Filters: filters },
      );
      for await (const page of pages) {
        const found = page.Findings?.find((finding) => carries(finding, record.findingId));
        if (found?.Id && found.ProductArn) return { id: found.Id, productArn: found.ProductArn };
      }
      return undefined;
    });
  }

  async update(ref: SecurityHubRef, update: FindingsHubUpdate): Promise<void> {
    const answer = await this.#call('BatchUpdateFindings', ref.id, () =>
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
  async #call<T>(operation: string, findingId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const reason = sdkErrorName(err) ?? 'unexpected error';
      throw new RemediateError('SECURITY_HUB_FAILED', `Security Hub ${operation} failed: ${reason}`, {
        cause: err,
        context: { findingId },
      });
    }
  }
}

export { SecurityHubFindings };
