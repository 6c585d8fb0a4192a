import type { Macie2Client } from '@aws-sdk/client-macie2';
import { macieSdk } from '../aws/sdk-on-first-use';
import { RemediateError } from '../errors';
import { sdkErrorName } from '../ledger/sdk-error-name';
import type { Suppression, Suppressions, SuppressResult } from '../types/ports';
import { type Criterion, isOurSuppression, SUPPRESSION_TAGS, type SuppressionRule } from './suppression-rule';

/** ListFindingsFilters' largest page. */
const PAGE_SIZE = 25;

/** Suppressions as Macie findings filters with action ARCHIVE, over @aws-sdk/client-macie2. */
class MacieSuppressions implements Suppressions {
  readonly #client: Macie2Client;

  constructor(options: { readonly client: Macie2Client }) {
    this.#client = options.client;
  }

  async suppress(rule: SuppressionRule): Promise<SuppressResult> {
    if (await this.#idOf(rule.name)) return { status: 'exists', name: rule.name };
    try {
      await this.#client.send(
        new (macieSdk().CreateFindingsFilterCommand)({
          action: 'ARCHIVE',
          name: rule.name,
          description: rule.description,
          findingCriteria: { criterion: structuredClone(rule.criterion) as Record<string, { eq: string[] }> },
          clientToken: rule.clientToken,
          tags: { ...rule.tags },
        }),
      );
      return { status: 'created', name: rule.name };
    } catch (err) {
      if (sdkErrorName(err) === 'ServiceQuotaExceededException') return { status: 'quota-full', name: rule.name };
      throw failed('CreateFindingsFilter', err);
    }
  }

  async *list(): AsyncIterable<Suppression> {
    for (const { id, name } of await this.#ours()) {
      const filter = await this.#call('GetFindingsFilter', () =>
        this.#client.send(new (macieSdk().GetFindingsFilterCommand)({ id })),
      );
      const createdAt = filter.tags?.[SUPPRESSION_TAGS.created];
      yield {
        id,
        name,
        criterion: (filter.findingCriteria?.criterion ?? {}) as Criterion,
        ...(filter.description ? { description: filter.description } : {}),
        ...(createdAt ? { createdAt } : {}),
      };
    }
  }

  async remove(name: string): Promise<'deleted' | 'not-found' | 'not-ours'> {
    if (!isOurSuppression(name)) return 'not-ours';
    const id = await this.#idOf(name);
    if (!id) return 'not-found';
    await this.#call('DeleteFindingsFilter', () =>
      this.#client.send(new (macieSdk().DeleteFindingsFilterCommand)({ id })),
    );
    return 'deleted';
  }

  async #idOf(name: string): Promise<string | undefined> {
    return (await this.#ours()).find((filter) => filter.name === name)?.id;
  }

  /** The filters named like ours, in Macie's order. */
  async #ours(): Promise<{ id: string; name: string }[]> {
    return this.#call('ListFindingsFilters', async () => {
      const found: { id: string; name: string }[] = [];
      for await (const page of macieSdk().paginateListFindingsFilters(
        { client: this.#client, pageSize: PAGE_SIZE },
        {},
      )) {
        for (const { id, name } of page.findingsFilterListItems ?? []) {
          if (id && name && isOurSuppression(name)) found.push({ id, name });
        }
      }
      return found;
    });
  }

  async #call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw failed(operation, err);
    }
  }
}

const failed = (operation: string, err: unknown) =>
  new RemediateError('MACIE_FAILED', `Macie ${operation} failed: ${sdkErrorName(err) ?? 'unexpected error'}`, {
    cause: err,
  });

export { MacieSuppressions };
