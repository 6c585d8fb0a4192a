import { loadSettings, NO_SOURCE_BUCKETS, sourceBucketsChosen } from '../core/config';
import { ConfigError } from '../core/errors';
import { ALL_ACCOUNTS } from '../core/policy/account-scope';
import type { Settings } from '../core/types/settings';

/** Reads one context value; `app.node.tryGetContext` fits. */
type ContextReader = (key: string) => unknown;

/** The settings the stack is built from: the shared ones (as the CLI resolves them) plus the stack's own. */
interface StackConfig
  extends Pick<
    Settings,
    | 'autoRemediateConfig'
    | 'remediationActions'
    | 'exemptTag'
    | 'exemptPrefixes'
    | 'minSeverity'
    | 'slackChannel'
    | 'slackTeamId'
    | 'slackApprovers'
    | 'slackApproverGroups'
    | 'sourceBuckets'
    | 'stackName'
    | 'secretId'
    | 'memberAccounts'
    | 'memberRoleName'
    | 'accountPolicies'
    | 'organizationId'
    | 'operatorPrincipals'
    | 'forwardRegions'
    | 'securityHub'
    | 'restoreApprovals'
    | 'reconcileSchedule'
    | 'auditRetentionDays'
    | 'auditRetentionMode'
    | 'reasonRequired'
  > {
  /** Empty: kms:Decrypt/GenerateDataKey on any key, but only through S3. */
  readonly sourceKmsKeyArns: readonly string[];
  /** An operator role let past the quarantine bucket's lock. */
  readonly breakGlassRoleArn?: string;
  /** @default 10 */
  readonly remediatorConcurrency: number;
  /** @default 90 */
  readonly logRetentionDays: number;
  /** X-Ray active tracing on the three functions. @default false */
  readonly tracing: boolean;
  /**
   * S3 Object Lock on the quarantine bucket, for legal holds (`hold`). CloudFormation can only set it when it
   * creates the bucket: turned on for a stack deployed without it, it replaces the retained bucket (the copies
   * stay in the old one, out of the stack's reach), so it is off unless asked for, and meant for new stacks.
   * @default false
   */
  readonly quarantineObjectLock: boolean;
  /** Steady-state requests per second on the Slack API. @default 10 */
  readonly apiRateLimit: number;
  /** @default 20 */
  readonly apiBurstLimit: number;
}

/**
 * The cdk.json keys the shared settings loader validates. Only these reach it: the plaintext-secret
 * keys of the original solution are never handed on (see legacy-secrets.ts). Environment variables are
 * deliberately not consulted, so the same cdk.json always synthesizes the same stack.
 */
const SHARED_KEYS = [
  'autoRemediateConfig',
  'remediationActions',
  'exemptTag',
  'exemptPrefixes',
  'minSeverityLevel',
  'slackChannel',
  'slackTeamId',
  'slackApprovers',
  'sourceBuckets',
  'stackName',
  'secretId',
  'memberAccounts',
  'memberRoleName',
  'accountPolicies',
  'organizationId',
  'operatorPrincipals',
  'forwardRegions',
  'securityHub',
  'restoreApprovals',
  'reconcileSchedule',
  'auditRetentionDays',
  'auditRetentionMode',
  'reasonRequired',
];

/** The values CloudWatch Logs accepts for a log group's retention. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;

const where = (key: string) => `cdk.json context "${key}"`;

/** `cdk -c key=value` yields strings: JSON arrays and comma lists are accepted for lists. */
function readList(read: ContextReader, key: string, problems: string[], pattern: RegExp): string[] {
  let raw = read(key);
  if (typeof raw === 'string') raw = raw.trim().startsWith('[') ? safeJson(raw) : raw.split(',').map((s) => s.trim());
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
    problems.push(`${where(key)}: must be an array of strings`);
    return [];
  }
  const items = (raw as string[]).filter((item) => item !== '');
  const bad = items.filter((item) => !pattern.test(item));
  if (bad.length > 0) problems.push(`${where(key)}: invalid entries ${JSON.stringify(bad)}`);
  return [...new Set(items)];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readInt(read: ContextReader, key: string, problems: string[], range: [number, number], fallback: number) {
  const raw = read(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
    problems.push(`${where(key)}: must be an integer from ${range[0]} to ${range[1]}`);
    return fallback;
  }
  return value;
}

function readBoolean(read: ContextReader, key: string, problems: string[]): boolean {
  const raw = read(key);
  if (raw === true || raw === 'true') return true;
  if (raw === undefined || raw === null || raw === '' || raw === false || raw === 'false') return false;
  problems.push(`${where(key)}: must be true or false`);
  return false;
}

function readRoleArn(read: ContextReader, problems: string[]): string | undefined {
  const raw = read('breakGlassRoleArn');
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string' && ROLE_ARN.test(raw)) return raw;
  problems.push(`${where('breakGlassRoleArn')}: must be an IAM role ARN (arn:aws:iam::123456789012:role/Name)`);
  return undefined;
}

/** The shared settings through the one loader the CLI and the Lambdas use, so all doors agree. */
function readShared(read: ContextReader, problems: string[]): Settings | undefined {
  // `cdk -c slackApprovers='["U…"]'` arrives as a string; the loader splits strings on commas only.
  const value = (key: string) => {
    const raw = read(key);
    return typeof raw === 'string' && raw.trim().startsWith('[') ? safeJson(raw) : raw;
  };
  const cdkContext = Object.fromEntries(SHARED_KEYS.map((key) => [key, value(key)]).filter(([, v]) => v !== undefined));
  try {
    return loadSettings({ cdkContext });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/** Reads and validates the stack's context; throws one ConfigError listing every problem. */
function readStackConfig(read: ContextReader): StackConfig {
  const problems: string[] = [];
  const shared = readShared(read, problems);
  if (shared && !sourceBucketsChosen(shared.sourceBuckets)) problems.push(NO_SOURCE_BUCKETS);
  // No silent account-wide grant: "*" is bounded by the organization, or refused.
  if (shared?.memberAccounts.includes(ALL_ACCOUNTS) && !shared.organizationId)
    problems.push(
      `${where('memberAccounts')}: ["*"] needs "organizationId" (o-…), which bounds the member roles to the organization`,
    );
  const logRetentionDays = readInt(read, 'logRetentionDays', problems, [1, 3653], 90);
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    problems.push(`${where('logRetentionDays')}: must be one of ${RETENTION_DAYS.join(', ')}`);
  }
  const own = {
    sourceKmsKeyArns: readList(read, 'sourceKmsKeyArns', problems, KMS_KEY_ARN),
    breakGlassRoleArn: readRoleArn(read, problems),
    remediatorConcurrency: readInt(read, 'remediatorConcurrency', problems, [1, 1000], 10),
    logRetentionDays,
    tracing: readBoolean(read, 'tracing', problems),
    quarantineObjectLock: readBoolean(read, 'quarantineObjectLock', problems),
    apiRateLimit: readInt(read, 'apiRateLimit', problems, [1, 10000], 10),
    apiBurstLimit: readInt(read, 'apiBurstLimit', problems, [1, 5000], 20),
  };
  if (!shared || problems.length > 0) throw new ConfigError(problems);
  return {
    autoRemediateConfig: shared.autoRemediateConfig,
    remediationActions: shared.remediationActions,
    exemptTag: shared.exemptTag,
    exemptPrefixes: shared.exemptPrefixes,
    minSeverity: shared.minSeverity,
    slackChannel: shared.slackChannel,
    slackTeamId: shared.slackTeamId,
    slackApprovers: shared.slackApprovers,
    slackApproverGroups: shared.slackApproverGroups,
    sourceBuckets: shared.sourceBuckets,
    stackName: shared.stackName,
    secretId: shared.secretId,
    memberAccounts: shared.memberAccounts,
    memberRoleName: shared.memberRoleName,
    accountPolicies: shared.accountPolicies,
    ...(shared.organizationId ? { organizationId: shared.organizationId } : {}),
    operatorPrincipals: shared.operatorPrincipals,
    forwardRegions: shared.forwardRegions,
    securityHub: shared.securityHub,
    restoreApprovals: shared.restoreApprovals,
    reconcileSchedule: shared.reconcileSchedule,
    auditRetentionDays: shared.auditRetentionDays,
    auditRetentionMode: shared.auditRetentionMode,
    reasonRequired: shared.reasonRequired,
    ...own,
  };
}

export type { ContextReader, StackConfig };
export { readStackConfig };
