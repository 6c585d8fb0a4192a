import { resolveSensitiveDataType, SENSITIVE_DATA_PREFIX, shortTypeName } from '../finding/finding-type';
import { MIN_SEVERITIES, resolveMinSeverity } from '../policy/min-severity';
import { SENSITIVE_DATA_TYPES, type SensitiveDataType } from '../types/finding';
import type { Action, MinSeverity } from '../types/policy';
import { fail, ok, type Rule } from './rule';

const ACTIONS: readonly Action[] = ['AUTO', 'REVIEW', 'IGNORE'];

/** `a, b or c` */
const oneOf = (values: readonly string[]): string => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** Any case: `medium` → `MEDIUM`. */
const minSeverityRule: Rule<MinSeverity> = (input) => {
  const level = resolveMinSeverity(input);
  return level ? ok(level) : fail(`must be ${oneOf(MIN_SEVERITIES)}`);
};

/** Any case: `auto` → `AUTO`. */
const actionRule: Rule<Action> = (input) => {
  const wanted = input.trim().toUpperCase();
  const action = ACTIONS.find((a) => a === wanted);
  return action ? ok(action) : fail(`must be ${oneOf(ACTIONS)}`);
};

/** Full (`SensitiveData:S3Object/Financial`) or short (`Financial`) type, any case → the full type. */
const findingTypeRule: Rule<SensitiveDataType> = (input) => {
  const type = resolveSensitiveDataType(input);
  return type
    ? ok(type)
    : fail(`must be ${oneOf(SENSITIVE_DATA_TYPES.map(shortTypeName))} (optionally prefixed ${SENSITIVE_DATA_PREFIX})`);
};

export { ACTIONS, actionRule, findingTypeRule, minSeverityRule, oneOf };
