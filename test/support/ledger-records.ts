import type { Finding } from '../../core/types/finding';
import type { LedgerRecord } from '../../core/types/ledger';
import type { Clock } from '../../core/types/runtime';

type NewRecord = Omit<LedgerRecord, 'version' | 'updatedAt'>;

/** A key S3 allows and naive code mangles: unicode, spaces, `#`, `+`, `%` and an emoji. */
const AWKWARD_KEY = 'Ünïcødé/日本語 ファイル #1 + 100% 😀.csv';

/** A parsed finding as core/finding produces it, with an empty description (DynamoDB stores `""`). */
function testFinding(id: string, key = AWKWARD_KEY): Finding {
  return {
    id,
    accountId: '111122223333',
    region: 'eu-west-1',
    partition: 'aws',
    type: 'SensitiveData:S3Object/Financial',
    category: 'CLASSIFICATION',
    title: 'The S3 object contains financial information.',
    description: '',
    severity: { description: 'High', score: 3 },
    createdAt: '2026-11-27T09:00:00.000Z',
    archived: false,
    sample: false,
    object: {
      bucket: 'payroll-exports',
      key,
      versionId: 'Lw8q.5Nb_3x9Qm0',
      eTag: '9b2cf535f27731c974343645a3985328',
      size: 48_213,
      storageClass: 'STANDARD',
      encryptionType: 'aws:kms',
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    },
    sensitiveData: [
      { category: 'FINANCIAL_INFORMATION', totalCount: 3, detections: [{ type: 'CREDIT_CARD_NUMBER', count: 3 }] },
    ],
    customIdentifierCount: 0,
    jobId: '3ce05dbb7ec5505def334104bf0a6c5c',
    originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
  };
}

/** A record as a handler begins it; every optional member is filled unless overridden. */
function testRecord(findingId: string, overrides: Partial<NewRecord> = {}): NewRecord {
  const finding = testFinding(findingId);
  return {
    findingId,
    state: 'AWAITING_REVIEW',
    objectIdentity: `111122223333/eu-west-1/payroll-exports/${AWKWARD_KEY}#Lw8q.5Nb_3x9Qm0`,
    findingType: finding.type,
    severity: 'High',
    source: {
      bucket: 'payroll-exports',
      key: AWKWARD_KEY,
      versionId: 'Lw8q.5Nb_3x9Qm0',
      eTag: '9b2cf535f27731c974343645a3985328',
    },
    decision: 'REVIEW',
    decisionReason: 'type is set to REVIEW',
    finding,
    slack: { channel: 'C0123456789', ts: '1764237600.000100', postedAt: '2026-11-27T10:00:00.000Z' },
    notificationOwed: false,
    createdAt: '2026-11-27T10:00:00.000Z',
    history: [{ at: '2026-11-27T10:00:00.000Z', actor: 'auto', action: 'received', detail: 'type is set to REVIEW' }],
    ...overrides,
  };
}

/** The least a record can hold: what an earlier version wrote before the optional members existed. */
function minimalRecord(findingId: string): NewRecord {
  return {
    findingId,
    state: 'AWAITING_REVIEW',
    objectIdentity: `111122223333/eu-west-1/bucket/${findingId}.csv#`,
    findingType: 'SensitiveData:S3Object/Personal',
    severity: 'Low',
    source: { bucket: 'bucket', key: `${findingId}.csv` },
    decision: 'REVIEW',
    createdAt: '2026-11-27T10:00:00.000Z',
    history: [],
  };
}

/** Starts at `start` and moves one second on at every reading, so each stamp is distinct and known. */
function steppingClock(start = '2026-11-27T12:00:00.000Z'): Clock & { readonly readings: () => number } {
  let readings = 0;
  const clock = () => new Date(Date.parse(start) + 1000 * readings++);
  return Object.assign(clock, { readings: () => readings });
}

export type { NewRecord };
export { AWKWARD_KEY, minimalRecord, steppingClock, testFinding, testRecord };
