import type { EventPattern } from './event-pattern';

/**
 * The deployed stack's finding rule (infra/FindingRule.ts) in EventBridge's own JSON form: sensitive-data
 * findings only, since policy findings have no object to move. A test keeps the two equal.
 */
const FINDING_RULE_PATTERN: EventPattern = {
  source: ['aws.macie'],
  'detail-type': ['Macie Finding'],
  detail: { type: [{ prefix: 'SensitiveData' }] },
};

export { FINDING_RULE_PATTERN };
