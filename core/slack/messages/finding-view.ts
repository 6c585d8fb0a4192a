import type { Finding, SensitiveDataCount } from '../../types/finding';
import type { LedgerRecord } from '../../types/ledger';

/**
 * What a message shows about a finding. Built from a parsed Finding, or from the ledger record when the
 * finding is no longer in Macie (findings expire after 90 days; a restore may come later).
 */
interface FindingView {
  readonly id: string;
  readonly type: string;
  readonly severity: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly title?: string;
  readonly category?: string;
  readonly createdAt?: string;
  readonly sensitiveData: readonly SensitiveDataCount[];
  readonly customIdentifierCount: number;
}

/** Either input a builder accepts. */
type MessageSubject = Finding | LedgerRecord;

const isLedgerRecord = (subject: MessageSubject): subject is LedgerRecord => 'objectIdentity' in subject;

/** `account/region/bucket/key#…` (core/types/ledger.ts): the first two segments, when they look right. */
function accountAndRegion(objectIdentity: string): { accountId?: string; region?: string } {
  const [accountId, region] = objectIdentity.split('/', 2);
  return /^\d{12}$/.test(accountId ?? '') && /^[a-z0-9-]+$/.test(region ?? '') ? { accountId, region } : {};
}

/** The finding's own facts when the record kept them; else what the record itself holds. */
function toFindingView(subject: MessageSubject): FindingView {
  if (isLedgerRecord(subject) && subject.finding) return toFindingView(subject.finding);
  if (isLedgerRecord(subject)) {
    return {
      id: subject.findingId,
      type: subject.findingType,
      severity: subject.severity,
      bucket: subject.source.bucket,
      key: subject.source.key,
      versionId: subject.source.versionId,
      ...accountAndRegion(subject.objectIdentity),
      createdAt: subject.createdAt,
      sensitiveData: [],
      customIdentifierCount: 0,
    };
  }
  return {
    id: subject.id,
    type: subject.type,
    severity: subject.severity.description,
    bucket: subject.object?.bucket ?? '',
    key: subject.object?.key ?? '',
    versionId: subject.object?.versionId,
    accountId: subject.accountId,
    region: subject.region,
    partition: subject.partition,
    title: subject.title,
    category: subject.category,
    createdAt: subject.createdAt,
    sensitiveData: subject.sensitiveData,
    customIdentifierCount: subject.customIdentifierCount,
  };
}

export type { FindingView, MessageSubject };
export { toFindingView };
