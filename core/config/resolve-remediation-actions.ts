import { MIN_SEVERITIES, resolveMinSeverity } from '../policy/min-severity';
import { parseRemediationAction, REMEDIATION_ACTIONS } from '../policy/remediation-action';
import type { MinSeverity, RemediationAction, RemediationChoice } from '../types/policy';
import { findingTypeRule, oneOf } from './policy-rules';
import { isObject } from './read-cdk-json';
import { entriesOf } from './resolve-auto-remediate-config';
import { type Resolution, report, type SettingSpec, winner } from './resolve-setting';
import { fail, ok, type Rule } from './rule';

/** Any case: `seal` → `SEAL`. */
const remediationActionRule: Rule<RemediationAction> = (input) => {
  const action = parseRemediationAction(input);
  return action ? ok(action) : fail(`must be ${oneOf(REMEDIATION_ACTIONS)}`);
};

/**
 * `remediationActions`: finding type → QUARANTINE, SEAL or TAG, or an object of severity (LOW, MEDIUM, HIGH)
 * → action. Types it leaves out are quarantined; so are the severities an object leaves out. Types, actions
 * and severities in any case, types in their short form too.
 */
function resolveRemediationActions(r: Resolution, spec: SettingSpec): Record<string, RemediationChoice> {
  const origin = winner(r, spec);
  if (!origin) {
    r.sources[spec.name] = 'default';
    return {};
  }
  const actions: Record<string, RemediationChoice> = {};
  const actionOf = (raw: unknown, label: string): RemediationAction | undefined => {
    const action = typeof raw === 'string' ? remediationActionRule(raw) : undefined;
    if (action?.ok) return action.value;
    report(r, { ...spec, label }, origin, action?.problem ?? `must be ${oneOf(REMEDIATION_ACTIONS)}`, raw);
    return undefined;
  };
  const what = `an object of finding type to ${oneOf(REMEDIATION_ACTIONS)} (or of severity to action)`;
  for (const [rawType, rawChoice] of entriesOf(r, spec, origin, what) ?? []) {
    const type = findingTypeRule(rawType);
    if (!type.ok) {
      report(r, { ...spec, label: 'finding type' }, origin, type.problem, rawType);
      continue;
    }
    if (!isObject(rawChoice)) {
      const action = actionOf(rawChoice, `action for ${rawType}`);
      if (action) actions[type.value] = action;
      continue;
    }
    const bySeverity: Partial<Record<MinSeverity, RemediationAction>> = {};
    for (const [rawSeverity, rawAction] of Object.entries(rawChoice)) {
      const severity = resolveMinSeverity(rawSeverity);
      if (!severity) {
        report(
          r,
          { ...spec, label: `severity for ${rawType}` },
          origin,
          `must be ${oneOf(MIN_SEVERITIES)}`,
          rawSeverity,
        );
        continue;
      }
      const action = actionOf(rawAction, `action for ${rawType} ${severity}`);
      if (action) bySeverity[severity] = action;
    }
    actions[type.value] = bySeverity;
  }
  r.sources[spec.name] = origin.source;
  return actions;
}

export { remediationActionRule, resolveRemediationActions };
