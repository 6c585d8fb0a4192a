import type { RemediationResult } from '../../core/types/outcome';

/**
 * The result for an event that can never be processed (malformed, missing fields). The handler returns it
 * instead of throwing: a retry would fail the same way, and would end in the dead-letter queue for nothing.
 */
function rejected(findingId: unknown, reason: string): RemediationResult {
  return {
    findingId: typeof findingId === 'string' ? findingId : '',
    outcome: 'FAILED',
    source: { bucket: '', key: '' },
    reason,
  };
}

export { rejected };
