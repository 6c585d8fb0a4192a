import { objectIdentity } from '../../../core/finding/object-identity';
import { admitFinding } from '../../../core/remediation/admit-finding';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { buildFinding } from '../../support/fixtures';
import { harness } from './support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };

describe('Function: admitFinding', () => {
  it('admits a finding its caller found unrecorded without reading the ledger again', async () => {
    // Prepare
    const h = harness();
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    const reads = jest.spyOn(h.ledger, 'get');

    // Act
    const record = await admitFinding(h.deps, finding, 'cli:alice', { unrecorded: true });

    // Assess
    expect(reads).not.toHaveBeenCalled();
    expect(record).toMatchObject({ findingId: finding.id, state: 'AWAITING_REVIEW', version: 1 });
    expect(record.history.map((e) => e.action)).toEqual(['admitted']);
    const other = buildFinding({ type: 'Personal', ...OBJECT });
    expect(await h.ledger.claimObject(objectIdentity(other), other.id)).toEqual({
      claimed: false,
      ownerFindingId: finding.id,
    });
  });

  it('returns a record made since its caller read the ledger as it is, keeping its claim and its message', async () => {
    // Prepare: the finding handler records and announces the finding after the terminal's selection read none
    const h = harness();
    const finding = buildFinding({ type: 'Personal', ...OBJECT });
    await receiveFinding(h.deps, finding);
    const recorded = await h.ledger.get(finding.id);

    // Act
    const record = await admitFinding(h.deps, finding, 'cli:alice', { unrecorded: true });

    // Assess
    expect(record).toEqual(recorded);
    expect(await h.ledger.get(finding.id)).toEqual(recorded);
    expect(h.announcer.of('review')).toHaveLength(1);
    const other = buildFinding({ type: 'Personal', ...OBJECT });
    expect(await h.ledger.claimObject(objectIdentity(other), other.id)).toMatchObject({
      claimed: false,
      ownerFindingId: finding.id,
    });
  });
});
