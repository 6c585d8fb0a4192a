import type { RestoreApprovals } from '../types/settings';
import { type Resolution, report, winner } from './resolve-setting';
import { fail, ok, type Rule } from './rule';
import { SETTING_SPECS } from './setting-specs';

/** `1` or `2`: two-person restore is the only stricter rule worth having. */
const restoreApprovalsRule: Rule<RestoreApprovals> = (input) => {
  const value = input.trim();
  if (value === '1') return ok(1);
  if (value === '2') return ok(2);
  return fail('must be 1 or 2');
};

/** `restoreApprovals`: cdk.json holds a JSON number, a variable or `cdk -c` the text. */
function resolveRestoreApprovals(r: Resolution): RestoreApprovals {
  const spec = SETTING_SPECS.restoreApprovals;
  const origin = winner(r, spec);
  if (!origin) {
    r.sources[spec.name] = 'default';
    return 1;
  }
  const { value } = origin;
  const result =
    typeof value === 'number' || typeof value === 'string'
      ? restoreApprovalsRule(String(value))
      : fail('must be 1 or 2');
  if (!result.ok) {
    report(r, spec, origin, result.problem, value);
    return 1;
  }
  r.sources[spec.name] = origin.source;
  return result.value;
}

export { resolveRestoreApprovals, restoreApprovalsRule };
