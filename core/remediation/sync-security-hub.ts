import { RemediateError } from '../errors';
import { hubUpdateFor } from '../securityhub/hub-update';
import type { LedgerRecord } from '../types/ledger';
import { deliverOrOwe, type Recipient } from './deliver-or-owe';
import type { WorkflowDeps } from './RemediationDeps';

const SECURITY_HUB: Recipient = {
  owedFlag: 'securityHubOwed',
  failure: 'SECURITY_HUB_FAILED',
  owed: 'security-hub-owed',
  delivered: 'security-hub-updated',
  label: 'Security Hub update',
};

/**
 * Shows the record's decision on the finding's Security Hub copy, after the ledger has recorded it. The
 * identifiers are read back with GetFindings once and kept on the record; a failure, or a finding Security
 * Hub does not hold yet (Macie publishes with a delay, and only with publishClassificationFindings on), is
 * recorded as owed and sent by a later run. True when Security Hub shows the record's state now.
 */
async function syncSecurityHub(deps: WorkflowDeps, record: LedgerRecord): Promise<boolean> {
  const hub = deps.findingsHub;
  const update = hubUpdateFor(record);
  if (!hub || !update) return false;
  const sent = await deliverOrOwe(
    deps,
    record,
    SECURITY_HUB,
    async () => {
      const ref = record.securityHub ?? (await hub.locate(record));
      if (!ref) {
        throw new RemediateError('SECURITY_HUB_FAILED', 'Security Hub does not hold this finding (yet)', {
          context: { findingId: record.findingId },
        });
      }
      await hub.update(ref, update);
      return ref;
    },
    (ref) => (record.securityHub ? {} : { securityHub: ref }),
  );
  return sent.delivered;
}

/** A Security Hub update a failure left owed; false when there is none (or no Security Hub to send it to). */
async function deliverOwedSecurityHub(deps: WorkflowDeps, record: LedgerRecord): Promise<boolean> {
  return record.securityHubOwed === true && syncSecurityHub(deps, record);
}

export { deliverOwedSecurityHub, syncSecurityHub };
