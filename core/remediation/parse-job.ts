import * as z from 'zod/mini';
import { InvalidInputError } from '../errors';
import { REMEDIATION_ACTIONS } from '../policy/remediation-action';
import type { RemediationJob } from '../types/ports';
import { MAX_REASON_LENGTH } from './action-reason';
import '../zod-messages';

/** A string of `min` to `max` characters. */
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

const jobSchema = z.object({
  kind: z.enum(['remediate', 'restore', 'hold', 'release', 'exempt']),
  findingId: text(1, 512),
  actor: text(1, 256),
  force: z.optional(z.boolean()),
  expected: z.optional(z.object({ eTag: text(1, 1024), versionId: z.optional(text(1, 1024)) })),
  approver: z.optional(text(1, 2048)),
  lease: z.optional(text(1, 1024)),
  reason: z.optional(text(1, MAX_REASON_LENGTH)),
  // Every field a dispatcher sends: an object schema drops the ones it does not name.
  action: z.optional(z.enum(REMEDIATION_ACTIONS)),
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
