import { z } from 'zod';
import { MacieApiError } from './macie-errors';

const values = z.array(z.string()).max(50);

/** One field's condition in `findingCriteria.criterion` (eq/neq/eqExactMatch: strings; ranges: epoch ms). */
const criterionCondition = z.object({
  eq: values.optional(),
  neq: values.optional(),
  eqExactMatch: values.optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
});

const findingCriteria = z.object({ criterion: z.record(z.string(), criterionCondition).optional() });

const sortCriteria = z.object({
  attributeName: z.string().optional(),
  orderBy: z.enum(['ASC', 'DESC']).optional(),
});

const listFindingsInput = z.object({
  findingCriteria: findingCriteria.optional(),
  sortCriteria: sortCriteria.optional(),
  maxResults: z.number().int().optional(),
  nextToken: z.string().optional(),
});

const getFindingsInput = z.object({
  findingIds: z.array(z.string(), { error: 'findingIds is required' }),
  sortCriteria: sortCriteria.optional(),
});

const getFindingStatisticsInput = z.object({
  groupBy: z.enum(['classificationDetails.jobId', 'resourcesAffected.s3Bucket.name', 'severity.description', 'type'], {
    error:
      'groupBy is required and must be one of classificationDetails.jobId, resourcesAffected.s3Bucket.name, severity.description, type',
  }),
  findingCriteria: findingCriteria.optional(),
  size: z.number().int().min(1).optional(),
  sortCriteria: z
    .object({ attributeName: z.enum(['groupKey', 'count']).optional(), orderBy: z.enum(['ASC', 'DESC']).optional() })
    .optional(),
});

const createSampleFindingsInput = z.object({ findingTypes: z.array(z.string()).optional() });

type CriterionCondition = z.infer<typeof criterionCondition>;
type FindingCriteria = z.infer<typeof findingCriteria>;
type SortCriteria = z.infer<typeof sortCriteria>;

/** Parses a request body against a schema; a mismatch is the ValidationException Macie would answer. */
function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw new MacieApiError('ValidationException', `The request failed validation: ${problems.join('; ')}`);
}

export type { CriterionCondition, FindingCriteria, SortCriteria };
export { createSampleFindingsInput, getFindingStatisticsInput, getFindingsInput, listFindingsInput, parseInput };
