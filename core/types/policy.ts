/** What to do with a finding type. IGNORE is ours; the original solution knew AUTO and REVIEW. */
type Action = 'AUTO' | 'REVIEW' | 'IGNORE';

/** Minimum severity, as `cdk.json`'s `minSeverityLevel` spells it (any case accepted on input). */
type MinSeverity = 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * How a finding's object is remediated once AUTO or a reviewer says so: moved to the quarantine bucket,
 * sealed in place (re-encrypted with the quarantine key, so readers are refused), or tagged for access
 * policies to match. Every one is undone by `restore`.
 */
type RemediationAction = 'QUARANTINE' | 'SEAL' | 'TAG';

/** The remediation of one finding type: one action, or one per severity (the severities it leaves out: QUARANTINE). */
type RemediationChoice = RemediationAction | Readonly<Partial<Record<MinSeverity, RemediationAction>>>;

type IgnoreReason =
  | 'EXEMPT'
  | 'BELOW_MIN_SEVERITY'
  | 'ARCHIVED'
  | 'SAMPLE'
  | 'NOT_SENSITIVE_DATA'
  | 'POLICY_FINDING'
  | 'TYPE_IGNORED'
  | 'BUCKET_OUT_OF_SCOPE'
  | 'ACCOUNT_OUT_OF_SCOPE';

/** The policy's decision for one finding, with the reason in words an admin can read. */
type Decision =
  | { readonly action: 'AUTO'; readonly reason: string; readonly remediation: RemediationAction }
  | { readonly action: 'REVIEW'; readonly reason: string; readonly remediation: RemediationAction }
  | { readonly action: 'IGNORE'; readonly ignoreReason: IgnoreReason; readonly reason: string };

/** What one account's findings are decided with; every field it leaves out is the global one. */
interface AccountPolicy {
  readonly autoRemediateConfig?: Readonly<Record<string, Action>>;
  readonly remediationActions?: Readonly<Record<string, RemediationChoice>>;
  readonly minSeverity?: MinSeverity;
  readonly sourceBuckets?: readonly string[];
}

interface PolicyConfig {
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  /** Finding type → how its object is remediated. @default QUARANTINE for every type */
  readonly remediationActions?: Readonly<Record<string, RemediationChoice>>;
  /** An object carrying this tag key (any value) is exempt: IGNORED. @default none */
  readonly exemptTag?: string;
  /** Bucket → key prefixes whose objects are exempt. @default none */
  readonly exemptPrefixes?: Readonly<Record<string, readonly string[]>>;
  readonly minSeverity: MinSeverity;
  /** `["*"]` or empty: every bucket is in scope. */
  readonly sourceBuckets: readonly string[];
  /**
   * Accounts in scope besides the own account (the account of the credentials in use): 12-digit ids, or
   * `["*"]` for every account whose findings arrive. @default [] (the own account only)
   */
  readonly memberAccounts?: readonly string[];
  /** Account id → the policy fields that differ for that account. */
  readonly accountPolicies?: Readonly<Record<string, AccountPolicy>>;
}

export type {
  AccountPolicy,
  Action,
  Decision,
  IgnoreReason,
  MinSeverity,
  PolicyConfig,
  RemediationAction,
  RemediationChoice,
};
