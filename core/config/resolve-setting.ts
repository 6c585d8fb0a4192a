import type { SettingSource, SlackCredentials } from '../types/settings';
import { isObject } from './read-cdk-json';
import { booleanRule, ok, type Rule } from './rule';
import { flagName, type SettingsFlags } from './settings-flags';
import type { StackOutputKey } from './stack-outputs';

/** Everything a setting can be read from, already read (no I/O here). */
interface SettingInputs {
  readonly flags: SettingsFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cdk: Readonly<Record<string, unknown>>;
  readonly stackOutputs: Readonly<Record<string, string>>;
  readonly secret: SlackCredentials;
}

/** Where one setting may come from. Precedence: flag > env > secret > cdk.json > stack output > default. */
interface SettingSpec {
  /** Key in `Settings.sources`. */
  readonly name: string;
  /** How messages name it: `minimum severity`. */
  readonly label: string;
  readonly flag?: keyof SettingsFlags;
  readonly env?: string;
  readonly secret?: keyof SlackCredentials;
  readonly cdk?: string;
  /** How messages name where the `cdk` value was found, when not in cdk.json itself. @default cdk.json context "<cdk>" */
  readonly cdkWhere?: string;
  readonly stack?: StackOutputKey;
  /** A secret: messages never show its value. */
  readonly sensitive?: boolean;
}

interface Origin {
  readonly source: SettingSource;
  /** `--min-severity`, `MACIE_REMEDIATE_MIN_SEVERITY`, `cdk.json context "minSeverityLevel"`, … */
  readonly where: string;
  readonly value: unknown;
}

/** Collects every problem, so one run reports all of them, and where each value came from. */
interface Resolution {
  readonly inputs: SettingInputs;
  readonly problems: string[];
  readonly sources: Record<string, SettingSource>;
}

/** An empty variable or cdk.json placeholder means "not set" (an empty flag does not: see origins). */
const isSet = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

function origins(inputs: SettingInputs, spec: SettingSpec): Origin[] {
  const found: Origin[] = [];
  if (spec.flag) found.push({ source: 'flag', where: flagName(spec.flag), value: inputs.flags[spec.flag] });
  if (spec.env) found.push({ source: 'env', where: spec.env, value: inputs.env[spec.env] });
  if (spec.secret)
    found.push({ source: 'secret', where: `the Slack secret's "${spec.secret}"`, value: inputs.secret[spec.secret] });
  if (spec.cdk)
    found.push({
      source: 'cdk.json',
      where: spec.cdkWhere ?? `cdk.json context "${spec.cdk}"`,
      value: inputs.cdk[spec.cdk],
    });
  if (spec.stack)
    found.push({ source: 'stack', where: `stack output ${spec.stack}`, value: inputs.stackOutputs[spec.stack] });
  // A flag given empty (`--region ''`) was typed on purpose: its rule refuses it, rather than it meaning "not set".
  return found.filter((origin) => (origin.source === 'flag' ? origin.value !== undefined : isSet(origin.value)));
}

/** The winning origin of a setting, or undefined when no source sets it. */
const winner = (resolution: Resolution, spec: SettingSpec): Origin | undefined => origins(resolution.inputs, spec)[0];

function report(resolution: Resolution, spec: SettingSpec, origin: Origin, problem: string, value?: unknown): void {
  const shown = spec.sensitive || value === undefined ? '' : ` ${JSON.stringify(value)}`;
  resolution.problems.push(`${spec.label}${shown} from ${origin.where}: ${problem}`);
}

/**
 * An object setting's value: cdk.json's object as it is, or the JSON text an environment variable carries;
 * undefined (with the problem reported) for text that is not JSON or a value that is not an object.
 */
function objectValue(
  resolution: Resolution,
  spec: SettingSpec,
  origin: Origin,
  what: string,
): Record<string, unknown> | undefined {
  let value = origin.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (err) {
      report(resolution, spec, origin, `is not valid JSON (${(err as Error).message})`);
      return undefined;
    }
  }
  if (isObject(value)) return value;
  report(resolution, spec, origin, `must be ${what}`);
  return undefined;
}

/** One string setting through its rule; `fallback` is the default (already normalised). */
function resolveScalar<T>(resolution: Resolution, spec: SettingSpec, rule: Rule<T>): T | undefined;
function resolveScalar<T>(resolution: Resolution, spec: SettingSpec, rule: Rule<T>, fallback: T): T;
function resolveScalar<T>(resolution: Resolution, spec: SettingSpec, rule: Rule<T>, fallback?: T): T | undefined {
  const origin = winner(resolution, spec);
  if (!origin) {
    if (fallback !== undefined) resolution.sources[spec.name] = 'default';
    return fallback;
  }
  if (typeof origin.value !== 'string') {
    report(resolution, spec, origin, 'must be a string');
    return fallback;
  }
  const result = rule(origin.value);
  if (!result.ok) {
    report(resolution, spec, origin, result.problem, origin.value);
    return fallback;
  }
  resolution.sources[spec.name] = origin.source;
  return result.value;
}

/** A switch: cdk.json holds a JSON boolean, a variable or `cdk -c` the text `true` or `false`. */
function resolveBoolean(resolution: Resolution, spec: SettingSpec, fallback: boolean): boolean {
  const origin = winner(resolution, spec);
  if (!origin) {
    resolution.sources[spec.name] = 'default';
    return fallback;
  }
  const result = typeof origin.value === 'boolean' ? ok(origin.value) : booleanRule(String(origin.value));
  if (!result.ok) {
    report(resolution, spec, origin, result.problem, origin.value);
    return fallback;
  }
  resolution.sources[spec.name] = origin.source;
  return result.value;
}

/** `cdk -c key='["a","b"]'` passes the array as a string. */
function parseJsonArray(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Flags repeat, variables are comma-separated, cdk.json holds an array (or, from `cdk -c`, a string of one). */
function listItems(value: unknown): string[] | undefined {
  const parts = typeof value !== 'string' ? value : value.trim().startsWith('[') ? parseJsonArray(value) : [value];
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return undefined;
  return parts
    .flatMap((p: string) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A list setting, each item through its rule; duplicates are dropped. Unset → `[]`. */
function resolveList<T>(resolution: Resolution, spec: SettingSpec, rule: Rule<T>): T[] {
  const origin = winner(resolution, spec);
  if (!origin) return [];
  const items = listItems(origin.value);
  if (!items) {
    report(resolution, spec, origin, 'must be an array of strings');
    return [];
  }
  const values: T[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const result = rule(item);
    if (!result.ok) report(resolution, spec, origin, result.problem, item);
    else if (!seen.has(JSON.stringify(result.value))) {
      seen.add(JSON.stringify(result.value));
      values.push(result.value);
    }
  }
  resolution.sources[spec.name] = origin.source;
  return values;
}

export type { Origin, Resolution, SettingInputs, SettingSpec };
export { objectValue, report, resolveBoolean, resolveList, resolveScalar, winner };
