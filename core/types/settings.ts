import type { StartableAction } from '../ledger/finding-state';
import type { AccountPolicy, Action, MinSeverity, RemediationChoice } from './policy';

/** S3 Object Lock retention modes: GOVERNANCE can be lifted with s3:BypassGovernanceRetention, COMPLIANCE by no one. */
type AuditRetentionMode = 'COMPLIANCE' | 'GOVERNANCE';

/** Where a setting's value came from, highest precedence first. */
type SettingSource = 'flag' | 'env' | 'cdk.json' | 'stack' | 'secret' | 'default';

interface SlackCredentials {
  readonly signingSecret?: string;
  readonly botToken?: string;
  readonly webhookUrl?: string;
}

/** Approvals a restore needs: one person, or two different ones. */
type RestoreApprovals = 1 | 2;

/** Every setting of the README's settings table, resolved and validated. One loader (core/config/) builds it for every door. */
interface Settings {
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  /** Finding type → how its object is remediated (per severity, optionally); the rest: QUARANTINE. */
  readonly remediationActions: Readonly<Record<string, RemediationChoice>>;
  /** The tag key that exempts an object (any value). @default 'macie-remediate:exempt' */
  readonly exemptTag: string;
  /** Bucket → key prefixes whose objects are exempt. */
  readonly exemptPrefixes: Readonly<Record<string, readonly string[]>>;
  readonly minSeverity: MinSeverity;
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  readonly slackApprovers: readonly string[];
  /** Slack user group ids (`S…`) whose members may approve. */
  readonly slackApproverGroups: readonly string[];
  /** `["*"]`: every bucket, chosen; empty: not chosen, which the CLI reads as every bucket. */
  readonly sourceBuckets: readonly string[];
  /** 12-digit ids of the member accounts in scope; `["*"]`: every account whose findings arrive; empty: none. */
  readonly memberAccounts: readonly string[];
  /** The role the remediator assumes in a member account. @default 'MacieRemediateMember' */
  readonly memberRoleName: string;
  /** Account id → the policy fields that differ for that account's findings. */
  readonly accountPolicies: Readonly<Record<string, AccountPolicy>>;
  /** The stack's own account, as the stack tells its Lambdas; the CLI asks STS when it is not set. */
  readonly accountId?: string;
  /** The AWS Organization (`o-…`) whose member roles the quarantine bucket and key admit. */
  readonly organizationId?: string;
  /** IAM principals of this account (role or user ARNs) the member roles trust besides the remediator: operators running the CLI. */
  readonly operatorPrincipals: readonly string[];
  /** Regions whose Macie findings are forwarded to this Region's event bus. */
  readonly forwardRegions: readonly string[];
  /** Update each decided finding's Security Hub copy (workflow status, note). @default true */
  readonly securityHub: boolean;
  /** How many different people must approve a restore before anything moves. @default 1 */
  readonly restoreApprovals: RestoreApprovals;
  /** The reconciler's EventBridge schedule expression; `''` = no reconciler. @default 'rate(1 hour)' */
  readonly reconcileSchedule: string;
  /** Days each archived history event is locked (the audit bucket's Object Lock default). @default 365 */
  readonly auditRetentionDays: number;
  /** @default 'GOVERNANCE' */
  readonly auditRetentionMode: AuditRetentionMode;
  /** The actions a person must give a reason for (`--reason`, the Slack modal). @default ['dismiss', 'restore'] */
  readonly reasonRequired: readonly StartableAction[];
  readonly stackName: string;
  readonly quarantineBucket?: string;
  readonly ledgerTable?: string;
  /** The quarantine KMS key's ARN: what SEAL re-encrypts with (and quarantine copies are encrypted with). */
  readonly quarantineKeyId?: string;
  /** The Object Lock bucket the audit archiver writes every history event to. */
  readonly auditBucket?: string;
  /** @default 'macie-remediate/slack' */
  readonly secretId: string;
  readonly remediatorFunction?: string;
  /** From the environment (local) or from the secret (Lambda); never from flags or cdk.json. */
  readonly slack: SlackCredentials;
  /** @default 'https://slack.com/api/' */
  readonly slackApiUrl: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  /** Non-fatal notes for the user (e.g. a plaintext secret found in cdk.json). */
  readonly warnings: readonly string[];
  /** The source each setting was resolved from, for `status` and error messages. */
  readonly sources: Readonly<Record<string, SettingSource>>;
}

export type { AuditRetentionMode, RestoreApprovals, SettingSource, Settings, SlackCredentials };
