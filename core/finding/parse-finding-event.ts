import * as z from 'zod';
import { InvalidInputError } from '../errors';
import type { Finding } from '../types/finding';
import { formatIssue, issuePath } from './format-issue';
import { safeParseFindingAt } from './parse-finding';

const envelopeSchema = z.object({
  source: z.literal('aws.macie'),
  'detail-type': z.literal('Macie Finding'),
  detail: z.looseObject({}),
});

/**
 * An EventBridge `Macie Finding` event → the {@link Finding} in its `detail`.
 * @throws InvalidInputError `EVENT_INVALID` when the envelope is wrong (`source must be one of "aws.macie" …`),
 *   `FINDING_INVALID` when the finding is (`detail.resourcesAffected.s3Object.key is missing`).
 */
function parseFindingEvent(event: unknown): Finding {
  const envelope = envelopeSchema.safeParse(event, { reportInput: true });
  if (!envelope.success) {
    const [issue] = envelope.error.issues;
    const message = issue ? formatIssue(issue, { subject: 'event' }) : 'event is invalid';
    throw new InvalidInputError('EVENT_INVALID', message, issue ? { field: issuePath(issue.path) || 'event' } : {});
  }
  const result = safeParseFindingAt(envelope.data.detail, 'detail');
  if (!result.success) throw result.error;
  return result.finding;
}

export { parseFindingEvent };
