import { RemediateError } from '../../core/errors';
import { parseFindingEvent } from '../../core/finding/parse-finding';
import type { FindingDeps } from '../../core/remediation/RemediationDeps';
import { receiveFinding } from '../../core/remediation/receive-finding';
import type { Finding } from '../../core/types/finding';
import type { RemediationResult } from '../../core/types/outcome';
import type { Logger } from '../../core/types/runtime';
import { rejected } from '../runtime/rejected';
import { withFields } from '../runtime/with-fields';

interface FindingHandlerOptions {
  readonly deps: FindingDeps;
  /** @default deps.logger */
  readonly logger?: Logger;
}

/** The EventBridge event id: the correlation id of everything this delivery does. */
const eventIdOf = (event: unknown): string | undefined => {
  const id = (event as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

const detailIdOf = (event: unknown): unknown => (event as { detail?: { id?: unknown } } | null)?.detail?.id;

/**
 * A Macie finding from EventBridge: parse, then core decides (AUTO → remediator, REVIEW → Slack, IGNORE → log),
 * recording it once however often it is delivered. A malformed event is logged and dropped (a retry cannot fix
 * it); a system failure throws, so Lambda retries and finally dead-letters the event.
 */
function createFindingHandler(options: FindingHandlerOptions) {
  const base = options.logger ?? options.deps.logger;
  return async (event: unknown): Promise<RemediationResult> => {
    const correlationId = eventIdOf(event);
    let finding: Finding;
    try {
      finding = parseFindingEvent(event);
    } catch (err) {
      if (!RemediateError.isUserError(err)) throw err;
      base.error('event rejected', {
        correlationId,
        findingId: detailIdOf(event),
        code: err.code,
        reason: err.message,
      });
      return rejected(detailIdOf(event), `event rejected: ${err.message}`);
    }
    const logger = withFields(base, { correlationId, findingId: finding.id });
    const result = await receiveFinding({ ...options.deps, logger }, finding);
    logger.info('finding handled', { outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) });
    return result;
  };
}

export type { FindingHandlerOptions };
export { createFindingHandler, eventIdOf };
