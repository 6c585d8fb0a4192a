import { ConfigError } from '../core/errors';
import type { Action, MinSeverity } from '../core/types/policy';

/** Reads one context value; `app.node.tryGetContext` fits. */
type ContextReader = (key: string) => unknown;

/** The stack's settings, read from `cdk.json` context (the original solution's keys plus ours). */
interface StackConfig {
  /** @default 'MacieRemediate' */
  readonly stackName: string;
  /** Name of the Secrets Manager secret the CLI's `init` writes. @default 'macie-remediate/slack' */
  readonly secretId: string;
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  /** @default 'LOW' */
  readonly minSeverity: MinSeverity;
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  readonly slackApprovers: readonly string[];
  /** Empty: every bucket of the account is in scope (object actions only). */
  readonly sourceBuckets: readonly string[];
  /** Empty: kms:Decrypt/GenerateDataKey on any key, but only through S3. */
  readonly sourceKmsKeyArns: readonly string[];
  readonly breakGlassRoleArn?: string;
  /** @default 10 */
  readonly remediatorConcurrency: number;
  /** @default 90 */
  readonly logRetentionDays: number;
  /** X-Ray active tracing on the three functions. @default false */
  readonly tracing: boolean;
  /** Steady-state requests per second on the Slack API. @default 10 */
  readonly apiRateLimit: number;
  /** @default 20 */
  readonly apiBurstLimit: number;
}

const DEFAULTS = {
  stackName: 'MacieRemediate',
  secretId: 'macie-remediate/slack',
  minSeverity: 'LOW',
  remediatorConcurrency: 10,
  logRetentionDays: 90,
  apiRateLimit: 10,
  apiBurstLimit: 20,
} as const;

const ACTIONS: readonly Action[] = ['AUTO', 'REVIEW', 'IGNORE'];
const SEVERITIES: readonly MinSeverity[] = ['LOW', 'MEDIUM', 'HIGH'];
/** The values CloudWatch Logs accepts for a log group's retention. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
const SECRET_NAME = /^[\w/+=.@-]{1,512}$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** Collects every problem so the user sees them all at once. */
class Problems {
  readonly list: string[] = [];
  add(key: string, message: string): undefined {
    this.list.push(`cdk.json context "${key}": ${message}`);
    return undefined;
  }
}

/** `-c key=value` on the CDK CLI yields strings, so JSON and comma lists are accepted for structured values. */
function fromCliString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

function readString(read: ContextReader, key: string, problems: Problems, pattern?: RegExp): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return problems.add(key, `must be a string, got ${typeof value}`);
  if (pattern && !pattern.test(value)) return problems.add(key, `"${value}" is not valid (expected ${pattern})`);
  return value;
}

function readList(read: ContextReader, key: string, problems: Problems, pattern: RegExp): string[] {
  const raw = fromCliString(read(key));
  if (raw === undefined || raw === null || raw === '') return [];
  const items = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : raw;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    problems.add(key, 'must be an array of strings');
    return [];
  }
  const bad = items.filter((item) => !pattern.test(item));
  if (bad.length > 0) problems.add(key, `invalid entries: ${bad.join(', ')}`);
  return [...new Set(items as string[])];
}

function readInt(read: ContextReader, key: string, problems: Problems, min: number, max: number, fallback: number) {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(key, `must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function readBoolean(read: ContextReader, key: string, problems: Problems): boolean {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return false;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  problems.add(key, 'must be true or false');
  return false;
}

function readAutoRemediateConfig(read: ContextReader, problems: Problems): Record<string, Action> {
  const raw = fromCliString(read('autoRemediateConfig'));
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('autoRemediateConfig', 'must be an object of finding type → AUTO | REVIEW | IGNORE');
    return {};
  }
  const config: Record<string, Action> = {};
  for (const [type, action] of Object.entries(raw)) {
    const upper = typeof action === 'string' ? action.toUpperCase() : '';
    if (ACTIONS.includes(upper as Action)) config[type] = upper as Action;
    else problems.add('autoRemediateConfig', `"${type}" must be AUTO, REVIEW or IGNORE`);
  }
  return config;
}

function readMinSeverity(read: ContextReader, problems: Problems): MinSeverity {
  const raw = read('minSeverityLevel');
  if (raw === undefined || raw === null || raw === '') return DEFAULTS.minSeverity;
  const upper = typeof raw === 'string' ? raw.toUpperCase() : '';
  if (SEVERITIES.includes(upper as MinSeverity)) return upper as MinSeverity;
  problems.add('minSeverityLevel', 'must be LOW, MEDIUM or HIGH');
  return DEFAULTS.minSeverity;
}

/** Reads and validates the stack's context; throws one ConfigError listing every problem. */
function readStackConfig(read: ContextReader): StackConfig {
  const problems = new Problems();
  const logRetentionDays = readInt(read, 'logRetentionDays', problems, 1, 3653, DEFAULTS.logRetentionDays);
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    problems.add('logRetentionDays', `must be one of ${RETENTION_DAYS.join(', ')}`);
  }
  const config: StackConfig = {
    stackName: readString(read, 'stackName', problems, STACK_NAME) ?? DEFAULTS.stackName,
    secretId: readString(read, 'secretId', problems, SECRET_NAME) ?? DEFAULTS.secretId,
    autoRemediateConfig: readAutoRemediateConfig(read, problems),
    minSeverity: readMinSeverity(read, problems),
    slackChannel: readString(read, 'slackChannel', problems),
    slackTeamId: readString(read, 'slackTeamId', problems, /^[TE][A-Z0-9]+$/),
    slackApprovers: readList(read, 'slackApprovers', problems, /^[UW][A-Z0-9]+$/),
    sourceBuckets: readList(read, 'sourceBuckets', problems, BUCKET_NAME),
    sourceKmsKeyArns: readList(read, 'sourceKmsKeyArns', problems, KMS_KEY_ARN),
    breakGlassRoleArn: readString(read, 'breakGlassRoleArn', problems, ROLE_ARN),
    remediatorConcurrency: readInt(read, 'remediatorConcurrency', problems, 1, 1000, DEFAULTS.remediatorConcurrency),
    logRetentionDays,
    tracing: readBoolean(read, 'tracing', problems),
    apiRateLimit: readInt(read, 'apiRateLimit', problems, 1, 10000, DEFAULTS.apiRateLimit),
    apiBurstLimit: readInt(read, 'apiBurstLimit', problems, 1, 5000, DEFAULTS.apiBurstLimit),
  };
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
}

export type { ContextReader, StackConfig };
export { readStackConfig };
