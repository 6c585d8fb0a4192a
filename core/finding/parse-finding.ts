import type { Finding as MacieFinding } from '@aws-sdk/client-macie2';
import * as z from 'zod/mini';
import { InvalidInputError } from '../errors';
import type { Finding } from '../types/finding';
import '../zod-messages';
import { findingSchema } from './finding-schema';
import { formatIssue, issuePath } from './format-issue';

type SafeParseFindingResult =
  | { readonly success: true; readonly finding: Finding }
  | { readonly success: false; readonly error: InvalidInputError };

/**
 * Parses a finding and names the first wrong field by its JSON path under `root`
 * (`detail` when the finding came inside an EventBridge event).
 */
function safeParseFindingAt(raw: unknown, root?: string): SafeParseFindingResult {
  const result = findingSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { success: true, finding: result.data };
  const [issue] = result.error.issues;
  const message = issue ? formatIssue(issue, { root, subject: root ?? 'finding' }) : 'finding is invalid';
  const field = issue ? issuePath(issue.path, root) : root;
  return { success: false, error: new InvalidInputError('FINDING_INVALID', message, field ? { field } : {}) };
}

/**
 * A Macie finding as JSON (the `detail` of an EventBridge event, or a finding from a file) → {@link Finding}.
 * @throws InvalidInputError `FINDING_INVALID`, e.g. `resourcesAffected.s3Object.key is missing`.
 */
function parseFinding(raw: unknown): Finding {
  const result = safeParseFindingAt(raw);
  if (!result.success) throw result.error;
  return result.finding;
}

/** {@link parseFinding} without throwing: expected bad input becomes a typed result. */
function safeParseFinding(raw: unknown): SafeParseFindingResult {
  return safeParseFindingAt(raw);
}

/**
 * A finding from the Macie2 SDK (`GetFindings`), where dates are `Date` objects and nulls are
 * dropped → the same {@link Finding} an EventBridge event of it gives.
 */
function parseSdkFinding(finding: MacieFinding): Finding {
  return parseFinding(finding);
}

export type { SafeParseFindingResult };

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

export { parseFinding, parseFindingEvent, parseSdkFinding, safeParseFinding, safeParseFindingAt };
