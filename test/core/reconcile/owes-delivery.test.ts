import { silentLogger } from '../../../core/logger';
import { owesDelivery, SETTLE_MS } from '../../../core/reconcile/owes-delivery';
import type { WorkflowDeps } from '../../../core/remediation/RemediationDeps';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { FindingsHub } from '../../../core/types/ports';
import { testRecord } from '../../support/ledger-records';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const hub: FindingsHub = { locate: async () => undefined, update: async () => undefined };

const record = (overrides: Partial<LedgerRecord>): LedgerRecord =>
  ({
    ...testRecord('f-1'),
    state: 'QUARANTINED',
    version: 3,
    updatedAt: new Date(NOW.getTime() - SETTLE_MS - 1).toISOString(),
    ...overrides,
  }) as LedgerRecord;

const deps = (extra: Partial<WorkflowDeps> = {}): WorkflowDeps =>
  ({ ledger: {} as never, clock: () => NOW, logger: silentLogger, ...extra }) as WorkflowDeps;

describe('Function: owesDelivery', () => {
  it('takes up a settled record that owes Security Hub an update, when the reconciler can reach Security Hub', () => {
    expect(owesDelivery(deps({ findingsHub: hub }), record({ securityHubOwed: true }))).toBe(true);
  });

  it('leaves it while Security Hub is off, while nothing is owed, and while its door may still be delivering', () => {
    expect(owesDelivery(deps(), record({ securityHubOwed: true }))).toBe(false);
    expect(owesDelivery(deps({ findingsHub: hub }), record({}))).toBe(false);
    expect(
      owesDelivery(deps({ findingsHub: hub }), record({ securityHubOwed: true, updatedAt: NOW.toISOString() })),
    ).toBe(false);
  });
});
