import type { Action, MinSeverity } from './policy';

/** Where a setting's value came from, highest precedence first. */
type SettingSource = 'flag' | 'env' | 'cdk.json' | 'stack' | 'secret' | 'default';

interface SlackCredentials {
  readonly signingSecret?: string;
  readonly botToken?: string;
  readonly webhookUrl?: string;
}

/** Every setting of the README's settings table, resolved and validated. One loader (core/config/) builds it for every door. */
interface Settings {
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  readonly minSeverity: MinSeverity;
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  readonly slackApprovers: readonly string[];
  /** Slack user group ids (`S…`) whose members may approve. */
  readonly slackApproverGroups: readonly string[];
  /** `["*"]`: every bucket, chosen; empty: not chosen, which the CLI reads as every bucket. */
  readonly sourceBuckets: readonly string[];
  readonly stackName: string;
  readonly quarantineBucket?: string;
  readonly ledgerTable?: string;
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

export type { SettingSource, Settings, SlackCredentials };
