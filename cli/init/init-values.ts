import { LEGACY_SECRET_KEYS } from '../../core/config/setting-specs';
import type { Action, MinSeverity } from '../../core/types/policy';
import type { Settings } from '../../core/types/settings';

/** The non-secret settings init writes to cdk.json context, already validated by the shared rules. */
interface InitValues {
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  /** User (`U…`/`W…`) and user-group (`S…`) ids. */
  readonly approvers: readonly string[];
  readonly sourceBuckets: readonly string[];
  readonly minSeverity: MinSeverity;
  readonly autoRemediateConfig: Readonly<Record<string, Action>>;
  readonly stackName: string;
  readonly secretId: string;
}

function initValuesFrom(settings: Settings): InitValues {
  return {
    slackChannel: settings.slackChannel,
    slackTeamId: settings.slackTeamId,
    approvers: [...settings.slackApprovers, ...settings.slackApproverGroups],
    sourceBuckets: settings.sourceBuckets,
    minSeverity: settings.minSeverity,
    autoRemediateConfig: settings.autoRemediateConfig,
    stackName: settings.stackName,
    secretId: settings.secretId,
  };
}

/**
 * The context with init's keys set: the original solution's (`autoRemediateConfig`, `minSeverityLevel`,
 * `slackChannel`) and ours. Every other key is kept, except the plaintext secrets, which init has moved
 * into the secret.
 */
function mergeContext(
  context: Readonly<Record<string, unknown>>,
  values: InitValues,
  slackAppId: string | undefined,
): Record<string, unknown> {
  const legacy = new Set<string>(Object.values(LEGACY_SECRET_KEYS));
  const kept = Object.fromEntries(Object.entries(context).filter(([key]) => !legacy.has(key)));
  return {
    ...kept,
    autoRemediateConfig: values.autoRemediateConfig,
    minSeverityLevel: values.minSeverity,
    slackChannel: values.slackChannel ?? '',
    slackTeamId: values.slackTeamId ?? '',
    slackApprovers: values.approvers,
    sourceBuckets: values.sourceBuckets,
    stackName: values.stackName,
    secretId: values.secretId,
    ...(slackAppId ? { slackAppId } : {}),
  };
}

/** The original solution's cdk.json shipped this in every Slack key: it means "not set". */
const ORIGINAL_PLACEHOLDER = 'UPDATE-THIS';

const withoutPlaceholders = (context: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(context).filter(([, value]) => value !== ORIGINAL_PLACEHOLDER));

/** The plaintext-secret keys present in a context: init moves their values into the secret. */
const legacyKeysIn = (context: Readonly<Record<string, unknown>>): string[] =>
  Object.values(LEGACY_SECRET_KEYS).filter((key) => context[key] !== undefined && context[key] !== '');

export type { InitValues };
export { initValuesFrom, legacyKeysIn, mergeContext, withoutPlaceholders };
