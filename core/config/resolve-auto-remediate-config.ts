import { SENSITIVE_DATA_TYPES, type SensitiveDataType } from '../types/finding';
import type { Action } from '../types/policy';
import { actionRule, findingTypeRule } from './policy-rules';
import { type Origin, objectValue, type Resolution, report, type SettingSpec, winner } from './resolve-setting';

/** The original solution's defaults: credentials and financial data move at once, the rest waits for a human. */
const DEFAULT_AUTO_REMEDIATE_CONFIG: Readonly<Record<SensitiveDataType, Action>> = {
  'SensitiveData:S3Object/Credentials': 'AUTO',
  'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
  'SensitiveData:S3Object/Financial': 'AUTO',
  'SensitiveData:S3Object/Multiple': 'REVIEW',
  'SensitiveData:S3Object/Personal': 'REVIEW',
};

/** `[type, action]` pairs as written, from `--auto T=A` flags, a JSON object, or a JSON string of one. */
function entriesOf(
  resolution: Resolution,
  spec: SettingSpec,
  origin: Origin,
  what = 'an object of finding type to AUTO, REVIEW or IGNORE',
): [string, unknown][] | undefined {
  if (origin.source === 'flag') {
    const items = origin.value as readonly string[];
    const bad = items.filter((item) => !item.includes('='));
    for (const item of bad) report(resolution, spec, origin, 'must be TYPE=ACTION, e.g. Financial=AUTO', item);
    return items
      .filter((item) => item.includes('='))
      .map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]);
  }
  const value = objectValue(resolution, spec, origin, what);
  return value && Object.entries(value);
}

/**
 * The action per sensitive-data type. A configuration replaces the defaults as a whole; the types it
 * omits are REVIEW (listed explicitly, so `status` shows all five). Types and actions are accepted in
 * any case, and types in their short form (`Financial`).
 */
function resolveAutoRemediateConfig(
  resolution: Resolution,
  spec: SettingSpec,
): Readonly<Record<SensitiveDataType, Action>> {
  const origin = winner(resolution, spec);
  if (!origin) {
    resolution.sources[spec.name] = 'default';
    return DEFAULT_AUTO_REMEDIATE_CONFIG;
  }
  const config = Object.fromEntries(SENSITIVE_DATA_TYPES.map((type) => [type, 'REVIEW'])) as Record<
    SensitiveDataType,
    Action
  >;
  const given = new Map<SensitiveDataType, Action>();
  for (const [rawType, rawAction] of entriesOf(resolution, spec, origin) ?? []) {
    const type = findingTypeRule(rawType);
    if (!type.ok) {
      report(resolution, { ...spec, label: 'finding type' }, origin, type.problem, rawType);
      continue;
    }
    const label = { ...spec, label: `action for ${rawType}` };
    const action = typeof rawAction === 'string' ? actionRule(rawAction) : undefined;
    if (!action?.ok) {
      report(resolution, label, origin, action?.problem ?? 'must be a string: AUTO, REVIEW or IGNORE', rawAction);
      continue;
    }
    const earlier = given.get(type.value);
    if (earlier && earlier !== action.value)
      report(resolution, label, origin, `contradicts ${earlier} given for the same type`, action.value);
    given.set(type.value, action.value);
    config[type.value] = action.value;
  }
  resolution.sources[spec.name] = origin.source;
  return config;
}

export { DEFAULT_AUTO_REMEDIATE_CONFIG, entriesOf, resolveAutoRemediateConfig };
