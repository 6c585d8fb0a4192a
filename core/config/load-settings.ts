import { ConfigError } from '../errors';
import { ALL_ACCOUNTS } from '../policy/account-scope';
import { ALL_BUCKETS } from '../policy/source-scope';
import type { Settings, SlackCredentials } from '../types/settings';
import { accountIdRule, memberAccountRule, organizationIdRule, principalArnRule, roleNameRule } from './account-rules';
import { resolveAuditRetentionDays, resolveAuditRetentionMode } from './audit-rules';
import {
  bucketNameRule,
  endpointUrlRule,
  functionNameRule,
  kmsKeyArnRule,
  profileRule,
  regionRule,
  secretIdRule,
  sourceBucketRule,
  stackNameRule,
  tableNameRule,
} from './aws-rules';
import { resolveExemptPrefixes, resolveExemptTag } from './exemption-rules';
import { minSeverityRule } from './policy-rules';
import { isObject } from './read-cdk-json';
import { resolveReasonRequired } from './reason-rules';
import { resolveAccountPolicies } from './resolve-account-policies';
import { resolveAutoRemediateConfig } from './resolve-auto-remediate-config';
import { resolveRemediationActions } from './resolve-remediation-actions';
import {
  type Resolution,
  report,
  resolveBoolean,
  resolveList,
  resolveScalar,
  type SettingInputs,
  winner,
} from './resolve-setting';
import { resolveRestoreApprovals } from './restore-approvals';
import { resolveReconcileSchedule } from './schedule-rules';
import { LEGACY_SECRET_KEYS, SETTING_SPECS as S } from './setting-specs';
import type { SettingsFlags } from './settings-flags';
import {
  type Approver,
  approverRule,
  botTokenRule,
  channelRule,
  signingSecretRule,
  slackApiUrlRule,
  teamIdRule,
  webhookUrlRule,
} from './slack-rules';
import { ALL_BUCKETS_ALONE, allBucketsNotAlone } from './source-buckets-choice';

interface LoadSettingsInput {
  readonly flags?: SettingsFlags;
  /** The process environment; core never reads `process.env` itself. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The `context` object of cdk.json (see `readCdkJson`). */
  readonly cdkContext?: unknown;
  readonly stackOutputs?: Readonly<Record<string, string>>;
  /** The Slack secret's value, as a Lambda read it from Secrets Manager. */
  readonly secret?: SlackCredentials;
}

/** Every `MACIE_REMEDIATE_*` variable we read: any other is most likely a typo worth a warning. */
const KNOWN_ENV = new Set(Object.values(S).map((spec): string | undefined => spec.env));

function warningsFor(inputs: SettingInputs): string[] {
  const warnings: string[] = [];
  for (const key of Object.values(LEGACY_SECRET_KEYS))
    if (inputs.cdk[key] !== undefined && inputs.cdk[key] !== '')
      warnings.push(
        `cdk.json context "${key}" holds a secret in plain text: move it to the secret with \`macie-remediate init\` and delete it from cdk.json`,
      );
  for (const name of Object.keys(inputs.env))
    if (name.startsWith('MACIE_REMEDIATE_') && !KNOWN_ENV.has(name))
      warnings.push(`environment variable ${name} is not a macie-remediate setting (ignored)`);
  return warnings;
}

/** Users approve themselves; a user group's members approve too. */
function splitApprovers(approvers: readonly Approver[]): Pick<Settings, 'slackApprovers' | 'slackApproverGroups'> {
  return {
    slackApprovers: approvers.filter((a) => a.kind === 'user').map((a) => a.id),
    slackApproverGroups: approvers.filter((a) => a.kind === 'group').map((a) => a.id),
  };
}

/** Bucket names, or `*` alone. */
function resolveSourceBuckets(r: Resolution): string[] {
  const buckets = resolveList(r, S.sourceBuckets, sourceBucketRule);
  const origin = winner(r, S.sourceBuckets);
  if (origin && allBucketsNotAlone(buckets)) report(r, S.sourceBuckets, origin, ALL_BUCKETS_ALONE, ALL_BUCKETS);
  return buckets;
}

/** Account ids, or `*` alone. */
function resolveMemberAccounts(r: Resolution): string[] {
  const accounts = resolveList(r, S.memberAccounts, memberAccountRule);
  const origin = winner(r, S.memberAccounts);
  if (origin && accounts.length > 1 && accounts.includes(ALL_ACCOUNTS))
    report(r, S.memberAccounts, origin, '"*" (every account) must be the only entry', ALL_ACCOUNTS);
  return accounts;
}

function resolveSlackCredentials(r: Resolution): SlackCredentials {
  const signingSecret = resolveScalar(r, S.signingSecret, signingSecretRule);
  const botToken = resolveScalar(r, S.botToken, botTokenRule);
  const webhookUrl = resolveScalar(r, S.webhookUrl, webhookUrlRule);
  return {
    ...(signingSecret ? { signingSecret } : {}),
    ...(botToken ? { botToken } : {}),
    ...(webhookUrl ? { webhookUrl } : {}),
  };
}

/**
 * The one settings loader every door uses. Each setting comes from, highest first: flag, environment,
 * cdk.json context, stack output, default; Slack credentials from the environment, then the secret, then
 * the legacy cdk.json keys (with a warning). Only the winning value of a setting is validated, so a flag
 * can override a bad environment value.
 * @throws ConfigError listing every problem, each naming the setting, its source and what is wrong.
 */
function loadSettings(input: LoadSettingsInput = {}): Settings {
  const problems: string[] = [];
  if (input.cdkContext !== undefined && !isObject(input.cdkContext))
    problems.push('cdk.json context: must be an object');
  const inputs: SettingInputs = {
    flags: input.flags ?? {},
    env: input.env ?? {},
    cdk: isObject(input.cdkContext) ? input.cdkContext : {},
    stackOutputs: input.stackOutputs ?? {},
    secret: input.secret ?? {},
  };
  const r: Resolution = { inputs, problems, sources: {} };
  const settings: Settings = {
    autoRemediateConfig: resolveAutoRemediateConfig(r, S.autoRemediateConfig),
    remediationActions: resolveRemediationActions(r, S.remediationActions),
    exemptTag: resolveExemptTag(r, S.exemptTag),
    exemptPrefixes: resolveExemptPrefixes(r, S.exemptPrefixes),
    minSeverity: resolveScalar(r, S.minSeverity, minSeverityRule, 'LOW'),
    slackChannel: resolveScalar(r, S.slackChannel, channelRule),
    slackTeamId: resolveScalar(r, S.slackTeamId, teamIdRule),
    ...splitApprovers(resolveList(r, S.slackApprovers, approverRule)),
    sourceBuckets: resolveSourceBuckets(r),
    memberAccounts: resolveMemberAccounts(r),
    memberRoleName: resolveScalar(r, S.memberRoleName, roleNameRule, 'MacieRemediateMember'),
    accountPolicies: resolveAccountPolicies(r, S.accountPolicies),
    accountId: resolveScalar(r, S.accountId, accountIdRule),
    organizationId: resolveScalar(r, S.organizationId, organizationIdRule),
    operatorPrincipals: resolveList(r, S.operatorPrincipals, principalArnRule),
    forwardRegions: resolveList(r, S.forwardRegions, regionRule),
    securityHub: resolveBoolean(r, S.securityHub, true),
    restoreApprovals: resolveRestoreApprovals(r),
    reconcileSchedule: resolveReconcileSchedule(r),
    auditRetentionDays: resolveAuditRetentionDays(r),
    auditRetentionMode: resolveAuditRetentionMode(r),
    reasonRequired: resolveReasonRequired(r),
    stackName: resolveScalar(r, S.stackName, stackNameRule, 'MacieRemediate'),
    quarantineBucket: resolveScalar(r, S.quarantineBucket, bucketNameRule),
    ledgerTable: resolveScalar(r, S.ledgerTable, tableNameRule),
    quarantineKeyId: resolveScalar(r, S.quarantineKeyId, kmsKeyArnRule),
    auditBucket: resolveScalar(r, S.auditBucket, bucketNameRule),
    secretId: resolveScalar(r, S.secretId, secretIdRule, 'macie-remediate/slack'),
    remediatorFunction: resolveScalar(r, S.remediatorFunction, functionNameRule),
    slack: resolveSlackCredentials(r),
    slackApiUrl: resolveScalar(r, S.slackApiUrl, slackApiUrlRule, 'https://slack.com/api/'),
    region: resolveScalar(r, S.region, regionRule),
    profile: resolveScalar(r, S.profile, profileRule),
    endpointUrl: resolveScalar(r, S.endpointUrl, endpointUrlRule),
    warnings: warningsFor(inputs),
    sources: r.sources,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

export type { LoadSettingsInput };
export { loadSettings };
