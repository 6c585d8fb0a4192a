import type { AccountPolicy } from '../types/policy';
import { accountIdRule } from './account-rules';
import { sourceBucketRule } from './aws-rules';
import { minSeverityRule } from './policy-rules';
import { isObject } from './read-cdk-json';
import { resolveAutoRemediateConfig } from './resolve-auto-remediate-config';
import { resolveRemediationActions } from './resolve-remediation-actions';
import {
  type Origin,
  objectValue,
  type Resolution,
  report,
  resolveList,
  resolveScalar,
  type SettingSpec,
  winner,
} from './resolve-setting';

/** The keys an account's entry may hold, as cdk.json spells them (the same as the global settings'). */
const ACCOUNT_POLICY_KEYS = ['autoRemediateConfig', 'remediationActions', 'minSeverityLevel', 'sourceBuckets'] as const;

/**
 * One account's entry, each field through the same rules as the global setting it overrides. The entry is
 * resolved as a cdk.json of its own, so every message names its full path (`accountPolicies.<id>.<key>`).
 */
function resolveAccountPolicy(
  r: Resolution,
  accountId: string,
  entry: Record<string, unknown>,
  origin: Origin,
): AccountPolicy {
  const path = (key: string) => `accountPolicies.${accountId}.${key}`;
  const cdk = Object.fromEntries(Object.entries(entry).map(([key, value]) => [path(key), value]));
  const scoped: Resolution = { ...r, inputs: { ...r.inputs, flags: {}, env: {}, cdk }, sources: {} };
  // Named where the entry really came from: cdk.json, or the JSON the stack gives its functions.
  const where = (key: string) => (origin.source === 'cdk.json' ? undefined : `${origin.where} at ${path(key)}`);
  const field = (key: string, label: string): SettingSpec => ({
    name: path(key),
    label,
    cdk: path(key),
    ...(where(key) ? { cdkWhere: where(key) } : {}),
  });
  const has = (key: string) => winner(scoped, field(key, key)) !== undefined;
  const types = field('autoRemediateConfig', 'action per finding type');
  const remediation = field('remediationActions', 'remediation action per finding type');
  const severity = field('minSeverityLevel', 'minimum severity');
  const buckets = field('sourceBuckets', 'source bucket');
  return {
    ...(has('autoRemediateConfig') ? { autoRemediateConfig: resolveAutoRemediateConfig(scoped, types) } : {}),
    ...(has('remediationActions') ? { remediationActions: resolveRemediationActions(scoped, remediation) } : {}),
    ...(has('minSeverityLevel') ? { minSeverity: resolveScalar(scoped, severity, minSeverityRule) } : {}),
    ...(has('sourceBuckets') ? { sourceBuckets: resolveList(scoped, buckets, sourceBucketRule) } : {}),
  };
}

/** `accountPolicies`: account id → overrides of the policy for that account's findings. */
function resolveAccountPolicies(r: Resolution, spec: SettingSpec): Record<string, AccountPolicy> {
  const origin = winner(r, spec);
  if (!origin) return {};
  const value = objectValue(r, spec, origin, 'an object of account id to policy');
  if (!value) return {};
  const policies: Record<string, AccountPolicy> = {};
  for (const [accountId, entry] of Object.entries(value)) {
    const id = accountIdRule(accountId);
    if (!id.ok) report(r, { ...spec, label: 'account id in accountPolicies' }, origin, id.problem, accountId);
    else if (!isObject(entry))
      report(r, { ...spec, label: `accountPolicies.${accountId}` }, origin, 'must be an object');
    else {
      const unknown = Object.keys(entry).filter((k) => !(ACCOUNT_POLICY_KEYS as readonly string[]).includes(k));
      for (const key of unknown)
        report(
          r,
          { ...spec, label: `accountPolicies.${accountId}.${key}` },
          origin,
          `is not a policy field (${ACCOUNT_POLICY_KEYS.join(', ')})`,
        );
      policies[accountId] = resolveAccountPolicy(r, accountId, entry, origin);
    }
  }
  r.sources[spec.name] = origin.source;
  return policies;
}

export { resolveAccountPolicies };
