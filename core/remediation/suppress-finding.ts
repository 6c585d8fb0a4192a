import { RemediateError } from '../errors';
import { type SuppressionScope, suppressionRule } from '../macie/suppression-rule';
import type { LedgerRecord } from '../types/ledger';
import type { SuppressResult } from '../types/ports';
import type { ClickDeps } from './RemediationDeps';

/** What the dismissed message says about the suppression: a Macie failure is said, never thrown. */
type SuppressionOutcome =
  | SuppressResult
  | { readonly status: 'failed'; readonly name: string; readonly reason: string };

/**
 * After a dismissal is recorded: the Macie findings filter that archives this finding's like from now on.
 * The dismissal stands whatever Macie answers; the ledger's history keeps what became of the filter.
 */
async function suppressFinding(
  deps: ClickDeps,
  record: LedgerRecord,
  request: { readonly scope: SuppressionScope; readonly actor: string },
): Promise<SuppressionOutcome> {
  const at = deps.clock().toISOString();
  const rule = suppressionRule({
    scope: request.scope,
    findingId: record.findingId,
    ...(record.finding?.accountId ? { accountId: record.finding.accountId } : {}),
    bucket: record.source.bucket,
    key: record.source.key,
    findingType: record.findingType,
    actor: request.actor,
    reason: 'dismissed in Slack with "Dismiss and suppress similar"',
    at,
  });
  const outcome = await suppressWith(deps, rule);
  const detail = outcome.status === 'failed' ? `${outcome.name}: ${outcome.reason}` : outcome.name;
  await deps.ledger.annotate(record.findingId, {
    at,
    actor: request.actor,
    action: `suppression-${outcome.status}`,
    detail,
  });
  if (outcome.status === 'failed') deps.logger.warn('suppression not created', { findingId: record.findingId, detail });
  return outcome;
}

async function suppressWith(deps: ClickDeps, rule: ReturnType<typeof suppressionRule>): Promise<SuppressionOutcome> {
  if (!deps.suppressions) return { status: 'failed', name: rule.name, reason: 'Macie is not reachable from here' };
  try {
    return await deps.suppressions.suppress(rule);
  } catch (err) {
    if (!RemediateError.is(err) || err.code !== 'MACIE_FAILED') throw err;
    return { status: 'failed', name: rule.name, reason: err.message };
  }
}

export type { SuppressionOutcome };
export { suppressFinding };
