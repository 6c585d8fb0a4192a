import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './finding-base';
import type { MacieFindingJson } from './types';

type MacieFindingEvent = EventBridgeEvent<'Macie Finding', MacieFindingJson>;

/**
 * The EventBridge envelope Macie publishes a finding in. `time` has second precision and follows the finding's
 * updatedAt; `id` is a fresh envelope id (not the finding id), as EventBridge assigns one per delivery.
 */
function toEventBridgeEvent(finding: MacieFindingJson): MacieFindingEvent {
  const updated = finding.updatedAt ?? finding.createdAt;
  const time = updated ? new Date(updated) : new Date();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Macie Finding',
    source: 'aws.macie',
    account: finding.accountId ?? DEFAULT_ACCOUNT,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: finding.region ?? DEFAULT_REGION,
    resources: [],
    detail: finding,
  };
}

export type { MacieFindingEvent };
export { toEventBridgeEvent };
