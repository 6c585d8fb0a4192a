import type { StartableAction } from '../ledger/finding-state';
import { DEFAULT_REASON_REQUIRED, REASONED_ACTIONS } from '../remediation/action-reason';
import { type Resolution, resolveList, winner } from './resolve-setting';
import { fail, ok, type Rule } from './rule';
import { SETTING_SPECS } from './setting-specs';

/** What the variable says for "no action needs a reason" (an empty variable means "not set"). */
const NONE = 'none';

const reasonedActionRule: Rule<StartableAction> = (input) => {
  const value = input.trim();
  const action = REASONED_ACTIONS.find((a) => a === value);
  return action ? ok(action) : fail(`must be one of ${REASONED_ACTIONS.join(', ')} (or "${NONE}" alone for none)`);
};

/**
 * `reasonRequired`: cdk.json's `[]` and the variable's `none` mean no action needs a reason (where elsewhere
 * an empty value means "not set"); unset, dismissing and restoring need one.
 */
function resolveReasonRequired(r: Resolution): readonly StartableAction[] {
  const spec = SETTING_SPECS.reasonRequired;
  const origin = winner(r, spec);
  const cdkValue = spec.cdk ? r.inputs.cdk[spec.cdk] : undefined;
  if (!origin && Array.isArray(cdkValue) && cdkValue.length === 0) {
    r.sources[spec.name] = 'cdk.json';
    return [];
  }
  if (!origin) {
    r.sources[spec.name] = 'default';
    return DEFAULT_REASON_REQUIRED;
  }
  if (typeof origin.value === 'string' && origin.value.trim().toLowerCase() === NONE) {
    r.sources[spec.name] = origin.source;
    return [];
  }
  return resolveList(r, spec, reasonedActionRule);
}

export { resolveReasonRequired };
