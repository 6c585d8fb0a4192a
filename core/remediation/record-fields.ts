import { objectIdentity } from '../finding/object-identity';
import type { Finding } from '../types/finding';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Decision } from '../types/policy';

/** The fields every new record of a finding starts with, whichever door admits it and in whichever state. */
function recordFields(
  finding: Finding,
  decision: Decision,
  source: RemediationResult['source'],
  createdAt: string,
): Pick<
  LedgerRecord,
  | 'findingId'
  | 'objectIdentity'
  | 'findingType'
  | 'severity'
  | 'source'
  | 'decision'
  | 'decisionReason'
  | 'remediation'
  | 'finding'
  | 'createdAt'
> {
  return {
    findingId: finding.id,
    objectIdentity: objectIdentity(finding),
    findingType: finding.type,
    severity: finding.severity.description,
    source: { ...source, ...(finding.object?.eTag ? { eTag: finding.object.eTag } : {}) },
    decision: decision.action,
    decisionReason: decision.reason,
    ...(decision.action === 'IGNORE' ? {} : { remediation: decision.remediation }),
    finding,
    createdAt,
  };
}

export { recordFields };
