import type { Finding } from '../../../../core/types/finding';
import type { LedgerRecord } from '../../../../core/types/ledger';

const FINDING_ID = 'ba3c75616234b8a67797b8000371aaba';

/** A fixed finding, so message snapshots depend on nothing outside these tests. */
const reviewFinding = (overrides: Partial<Finding> = {}): Finding => ({
  id: FINDING_ID,
  accountId: '111122223333',
  region: 'eu-west-1',
  partition: 'aws',
  type: 'SensitiveData:S3Object/Personal',
  category: 'CLASSIFICATION',
  title: 'The S3 object contains personal information.',
  description: 'The object contains personal information such as full names or mailing addresses.',
  severity: { description: 'High', score: 3 },
  createdAt: '2026-11-27T10:00:00.000Z',
  archived: false,
  sample: false,
  object: {
    bucket: 'payroll-exports',
    key: 'hr/2026/salaries.csv',
    versionId: 'Lw8q.5Nb_3x9Qm0',
    eTag: '9b2cf535f27731c974343645a3985328',
    size: 2048,
  },
  sensitiveData: [
    {
      category: 'PERSONAL_INFORMATION',
      totalCount: 12,
      detections: [
        { type: 'NAME', count: 7 },
        { type: 'ADDRESS', count: 5 },
      ],
    },
  ],
  customIdentifierCount: 2,
  ...overrides,
});

/** A ledger record that kept its finding, as core/remediation writes it. */
const recordOf = (finding: Finding, overrides: Partial<LedgerRecord> = {}): LedgerRecord => ({
  findingId: finding.id,
  state: 'AWAITING_REVIEW',
  objectIdentity: `${finding.accountId}/${finding.region}/${finding.object?.bucket}/${finding.object?.key}#${finding.object?.versionId}`,
  findingType: finding.type,
  severity: finding.severity.description,
  source: {
    bucket: finding.object?.bucket ?? '',
    key: finding.object?.key ?? '',
    versionId: finding.object?.versionId,
  },
  decision: 'REVIEW',
  decisionReason: 'type is set to REVIEW',
  finding,
  createdAt: finding.createdAt,
  updatedAt: finding.createdAt,
  version: 1,
  history: [{ at: finding.createdAt, actor: 'auto', action: 'received', detail: 'type is set to REVIEW' }],
  ...overrides,
});

export { FINDING_ID, recordOf, reviewFinding };
