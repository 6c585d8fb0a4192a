import * as z from 'zod';
import { InvalidInputError } from '../errors';
import type { RemediationJob } from '../types/ports';

const jobSchema = z.object({
  kind: z.enum(['remediate', 'restore']),
  findingId: z.string().min(1).max(512),
  actor: z.string().min(1).max(256),
  force: z.boolean().optional(),
  expected: z
    .object({ eTag: z.string().min(1).max(1024), versionId: z.string().min(1).max(1024).optional() })
    .optional(),
  lease: z.string().min(1).max(1024).optional(),
});

/**
 * The remediator's payload (what a Dispatcher sends) → a RemediationJob.
 * @throws InvalidInputError `EVENT_INVALID` naming the first wrong field.
 */
function parseJob(payload: unknown): RemediationJob {
  const parsed = jobSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'job';
  throw new InvalidInputError('EVENT_INVALID', `remediation job invalid: ${field}: ${issue?.message ?? 'malformed'}`, {
    field,
  });
}

export { parseJob };
