import { hubUpdateFor } from '../../../core/securityhub/hub-update';
import type { LedgerEvent, LedgerRecord } from '../../../core/types/ledger';
import { minimalRecord } from '../../support/ledger-records';

const AT = '2026-11-27T12:00:00.000Z';

const record = (state: LedgerRecord['state'], event: LedgerEvent): LedgerRecord => ({
  ...minimalRecord('f1'),
  state,
  updatedAt: AT,
  version: 2,
  history: [{ at: AT, actor: 'auto', action: 'received' }, event],
});

describe('hubUpdateFor: the note says which action was taken', () => {
  it('a seal → RESOLVED, "Sealed in place", no quarantine key', () => {
    // Act
    const update = hubUpdateFor(
      record('QUARANTINED', { at: AT, actor: 'slack:U0ALICE', action: 'sealed', outcome: 'SEALED', reason: 'PII' }),
    );

    // Assess
    expect(update).toMatchObject({
      status: 'RESOLVED',
      note: `Sealed in place by Slack user U0ALICE on ${AT}: s3://bucket/f1.csv re-encrypted with the quarantine key. Reason: PII`,
    });
    expect(update?.fields).not.toHaveProperty('quarantineKey');
  });

  it('a tag → RESOLVED, "Tagged" with the tag', () => {
    const detail = 'tagged macie-remediate:classification=LOW SensitiveData:S3Object/Personal f1';
    const update = hubUpdateFor(record('QUARANTINED', { at: AT, actor: 'auto', action: 'tagged', detail }));
    expect(update).toMatchObject({
      status: 'RESOLVED',
      note: `Tagged automatically, policy AUTO on ${AT}: s3://bucket/f1.csv (${detail}).`,
    });
  });

  it('an exemption → SUPPRESSED, "Exempted"', () => {
    const event = {
      at: AT,
      actor: 'cli:alice',
      action: 'exempted',
      detail: 'tagged macie-remediate:exempt',
      reason: 'test data',
    };
    expect(hubUpdateFor(record('DISMISSED', event))).toMatchObject({
      status: 'SUPPRESSED',
      note: `Exempted by alice (terminal) on ${AT}: s3://bucket/f1.csv tagged macie-remediate:exempt. Reason: test data`,
    });
  });
});
