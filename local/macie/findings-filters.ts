import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MacieApiError } from './macie-errors';
import { parseInput } from './macie-inputs';
import { compileCriteria, type FindingPredicate } from './match-criteria';
import { decodePageToken, encodePageToken } from './page-token';
import type { MacieFindingJson } from './types';

/** Macie's quota: filters and suppression rules together, per account and Region. */
const MAX_FILTERS = 1000;
const MAX_PAGE = 25;

const criterion = z.record(
  z.string(),
  z.object({
    eq: z.array(z.string()).optional(),
    neq: z.array(z.string()).optional(),
    eqExactMatch: z.array(z.string()).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  }),
);

const createInput = z.object({
  action: z.enum(['ARCHIVE', 'NOOP'], { error: 'action is required and must be ARCHIVE or NOOP' }),
  name: z.string({ error: 'name is required' }).min(3).max(64),
  findingCriteria: z.object({ criterion: criterion.optional() }, { error: 'findingCriteria is required' }),
  description: z.string().max(512).optional(),
  clientToken: z.string().optional(),
  position: z.number().int().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

type CreateInput = z.infer<typeof createInput>;

interface StoredFilter extends CreateInput {
  readonly id: string;
  readonly arn: string;
  readonly position: number;
  readonly matches: FindingPredicate;
}

/**
 * Macie's findings filters (CreateFindingsFilter, ListFindingsFilters, GetFindingsFilter, DeleteFindingsFilter),
 * in creation order. An ARCHIVE filter is a suppression rule: it archives the findings that arrive after it
 * (Macie: "new and subsequent occurrences"), which then neither list as current nor publish an event.
 */
class FindingsFilters {
  private readonly byId = new Map<string, StoredFilter>();
  private readonly byToken = new Map<string, string>();

  constructor(
    private readonly accountId: string,
    private readonly region: string,
  ) {}

  create(body: unknown): { arn: string; id: string } {
    const input = parseInput(createInput, body);
    const known = input.clientToken ? this.byId.get(this.byToken.get(input.clientToken) ?? '') : undefined;
    if (known) return { arn: known.arn, id: known.id };
    if (this.byId.size >= MAX_FILTERS) {
      throw new MacieApiError(
        'ServiceQuotaExceededException',
        `The account already has ${MAX_FILTERS} findings filters and suppression rules in this Region.`,
      );
    }
    const matches = compileCriteria(input.findingCriteria);
    const id = randomUUID().replaceAll('-', '');
    const arn = `arn:aws:macie2:${this.region}:${this.accountId}:findings-filter/${id}`;
    this.byId.set(id, { ...input, id, arn, position: input.position ?? this.byId.size + 1, matches });
    if (input.clientToken) this.byToken.set(input.clientToken, id);
    return { arn, id };
  }

  list(query: URLSearchParams): { findingsFilterListItems: unknown[]; nextToken: string | null } {
    const size = query.has('maxResults') ? Number(query.get('maxResults')) : MAX_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
      throw new MacieApiError('ValidationException', `maxResults must be between 1 and ${MAX_PAGE}.`);
    }
    const token = query.get('nextToken');
    const offset = token ? decodePageToken(token).offset : 0;
    const all = [...this.byId.values()];
    const end = offset + size;
    return {
      findingsFilterListItems: all
        .slice(offset, end)
        .map((f) => ({ action: f.action, arn: f.arn, id: f.id, name: f.name, tags: f.tags ?? {} })),
      nextToken: end < all.length ? encodePageToken({ snapshot: 0, offset: end }) : null,
    };
  }

  get(id: string): unknown {
    const f = this.found(id);
    return {
      action: f.action,
      arn: f.arn,
      description: f.description ?? null,
      findingCriteria: f.findingCriteria,
      id: f.id,
      name: f.name,
      position: f.position,
      tags: f.tags ?? {},
    };
  }

  delete(id: string): Record<string, never> {
    this.found(id);
    this.byId.delete(id);
    for (const [token, filterId] of this.byToken) if (filterId === id) this.byToken.delete(token);
    return {};
  }

  clear(): void {
    this.byId.clear();
    this.byToken.clear();
  }

  /** Whether an ARCHIVE filter suppresses this finding. */
  suppresses(finding: MacieFindingJson): boolean {
    for (const filter of this.byId.values()) if (filter.action === 'ARCHIVE' && filter.matches(finding)) return true;
    return false;
  }

  private found(id: string): StoredFilter {
    const filter = this.byId.get(id);
    if (!filter) throw new MacieApiError('ResourceNotFoundException', `The findings filter ${id} does not exist.`);
    return filter;
  }
}

export { FindingsFilters, MAX_FILTERS };
