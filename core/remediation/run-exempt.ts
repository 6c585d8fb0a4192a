import { mayStart, startStates } from '../ledger/finding-state';
import { DEFAULT_EXEMPT_TAG } from '../policy/exemption';
import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { RemediationJob } from '../types/ports';
import { announceOutcome } from './announce-outcome';
import type { JobDeps } from './RemediationDeps';
import { whereFrom } from './remediation-actions';
import { resultFromRecord } from './result-from-record';
import { syncSecurityHub } from './sync-security-hub';

/**
 * Exempts a finding's object: tags it with the exemption tag (so every later finding of it is IGNORED by the
 * policy), then dismisses the finding. The tag comes first: a dismissal whose tag failed would leave the
 * next scan to ask again with nobody knowing why. When the dismissal loses to another action (a Remediate
 * click in between), the tag is taken off again, so the object's tags say what the ledger says.
 */
async function runExempt(
  deps: JobDeps,
  job: Omit<RemediationJob, 'kind'>,
  record: LedgerRecord,
): Promise<RemediationResult> {
  // As `dismiss` and `hold` answer a finding in the wrong state: FAILED, naming it; nothing changed.
  if (!mayStart('exempt', record.state, 'run'))
    return { ...resultFromRecord(record), outcome: 'FAILED', reason: `not exempted: ${notExemptable(record)}` };
  const key = deps.exemptTag ?? DEFAULT_EXEMPT_TAG;
  const tag = { key, value: `finding ${record.findingId}`.slice(0, 256) };
  // The key's current object: an exemption is for what is there now, whatever version the finding saw.
  const source = { bucket: record.source.bucket, key: record.source.key, ...whereFrom(record) };
  const base = { findingId: record.findingId, source: { bucket: source.bucket, key: source.key } };
  const tagged = await deps.quarantine.tag({ findingId: record.findingId, source, actor: job.actor, tag, force: true });
  if (!('location' in tagged)) return { ...base, outcome: tagged.outcome, reason: tagged.reason };

  const dismissed = await deps.ledger.transition(record.findingId, {
    from: startStates('exempt', 'run'),
    to: 'DISMISSED',
    event: {
      at: deps.clock().toISOString(),
      actor: job.actor,
      action: 'exempted',
      outcome: 'EXEMPTED',
      detail: `tagged ${key}`,
      ...(job.reason ? { reason: job.reason } : {}),
    },
  });
  if (!dismissed.ok) {
    const current = dismissed.current ?? record;
    if (current.history.at(-1)?.action === 'exempted')
      return { ...base, outcome: 'EXEMPTED', reason: `already exempted by ${current.history.at(-1)?.actor}` };
    await deps.quarantine.untag({ findingId: record.findingId, actor: job.actor, source, tag });
    return { ...resultFromRecord(current), reason: `not exempted: ${notExemptable(current)}` };
  }
  const result: RemediationResult = { ...base, outcome: 'EXEMPTED', reason: `tagged ${key}` };
  await deps.ledger.releaseObject(dismissed.record.objectIdentity, dismissed.record.findingId);
  await announceOutcome(deps, dismissed.record, result, job.actor, 'remediate');
  await syncSecurityHub(deps, dismissed.record);
  deps.logger.info('finding exempted', { findingId: record.findingId });
  return result;
}

const notExemptable = (record: LedgerRecord): string =>
  record.state === 'QUARANTINED'
    ? 'its object is quarantined: restore it first'
    : `finding is ${record.state.toLowerCase().replace('_', ' ')}`;

export { runExempt };
