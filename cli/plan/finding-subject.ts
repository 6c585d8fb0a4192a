import { accountAndRegion, recordAccount } from '../../core/finding/object-identity';
import type { RemediationResult } from '../../core/types/outcome';
import type { SelectedFinding } from '../findings/select-findings';

/** What a selected finding is about: from its ledger record when it has one, else from the finding. */
interface FindingSubject {
  readonly type: string;
  readonly severity: string;
  /** Whose object. */
  readonly account?: string;
  /** Its bucket's Region (absent: the home Region). */
  readonly region?: string;
  readonly source: RemediationResult['source'] & { readonly eTag?: string };
}

function subjectOf(selected: SelectedFinding): FindingSubject {
  const { record, finding } = selected;
  if (record) {
    const account = recordAccount(record);
    const region = record.finding?.region ?? accountAndRegion(record.objectIdentity).region;
    return {
      type: record.findingType,
      severity: record.severity,
      ...(account ? { account } : {}),
      ...(region ? { region } : {}),
      source: record.source,
    };
  }
  const object = finding?.object;
  return {
    type: finding?.type ?? 'unknown',
    severity: finding?.severity.description ?? 'unknown',
    ...(finding ? { account: finding.accountId, region: finding.region } : {}),
    source: object
      ? {
          bucket: object.bucket,
          key: object.key,
          ...(object.versionId ? { versionId: object.versionId } : {}),
          ...(object.eTag ? { eTag: object.eTag } : {}),
        }
      : { bucket: '', key: '' },
  };
}

/** A skipped finding's result: where it is, what the run would report, and why. */
const skip = (
  selected: SelectedFinding,
  outcome: RemediationResult['outcome'],
  reason: string,
  quarantine?: RemediationResult['quarantine'],
): RemediationResult => {
  const { bucket, key, versionId } = subjectOf(selected).source;
  return {
    findingId: selected.id,
    outcome,
    source: { bucket, key, ...(versionId ? { versionId } : {}) },
    ...(quarantine ? { quarantine } : {}),
    reason,
  };
};

export type { FindingSubject };
export { skip, subjectOf };
