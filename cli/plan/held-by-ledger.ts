import { resultFromRecord } from '../../core/remediation/result-from-record';
import type { RemediationResult } from '../../core/types/outcome';
import type { SelectedFinding } from '../findings/select-findings';
import { skip } from './finding-subject';
import type { OperationEnv } from './operation-env';

/**
 * The ledger already has this object in hand: quarantined (by this finding, or by the one it is linked
 * to), or on its way back. Undefined when the finding may be remediated.
 */
async function heldByLedger(env: OperationEnv, selected: SelectedFinding): Promise<RemediationResult | undefined> {
  const { record } = selected;
  if (!record) return undefined;
  if (record.state === 'QUARANTINED') return { ...resultFromRecord(record), reason: 'already in quarantine' };
  if (record.state === 'RESTORING') return skip(selected, 'FAILED', 'a restore of this finding is in progress');
  if (record.state !== 'LINKED' || !record.linkedTo) return undefined;
  const owner = await env.deps.ledger.get(record.linkedTo);
  if (owner?.state !== 'QUARANTINED') return undefined;
  return skip(
    selected,
    'ALREADY_QUARANTINED',
    `same object as finding ${owner.findingId}, already in quarantine`,
    owner.quarantine,
  );
}

export { heldByLedger };
