/** What to do with a finding type. IGNORE is ours; the original solution knew AUTO and REVIEW. */
type Action = 'AUTO' | 'REVIEW' | 'IGNORE';

/** Minimum severity, as `cdk.json`'s `minSeverityLevel` spells it (any case accepted on input). */
type MinSeverity = 'LOW' | 'MEDIUM' | 'HIGH';

type IgnoreReason =
  | 'BELOW_MIN_SEVERITY'
  | 'ARCHIVED'
  | 'SAMPLE'
  | 'NOT_SENSITIVE_DATA'
  | 'POLICY_FINDING'
  | 'TYPE_IGNORED'
  | 'BUCKET_OUT_OF_SCOPE';

/** The policy's decision for one finding, with the reason in words an admin can read. */
type Decision =
  | { readonly action: 'AUTO'; readonly reason: string }
  | { readonly action: 'REVIEW'; readonly reason: string }
  | { readonly action: 'IGNORE'; readonly ignoreReason: IgnoreReason; readonly reason: string };

interface PolicyConfig {
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  readonly minSeverity: MinSeverity;
  /** `["*"]` or empty: every bucket is in scope. */
  readonly sourceBuckets: readonly string[];
}

export type { Action, Decision, IgnoreReason, MinSeverity, PolicyConfig };
