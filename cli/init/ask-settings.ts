import {
  ALL_BUCKETS_ALONE,
  allBucketsNotAlone,
  validateApprover,
  validateChannel,
  validateSourceBucket,
} from '../../core/config';
import { sourceBucketRule } from '../../core/config/aws-rules';
import { actionRule, minSeverityRule } from '../../core/config/policy-rules';
import type { Rule } from '../../core/config/rule';
import type { SettingsFlags } from '../../core/config/settings-flags';
import { approverRule, channelRule } from '../../core/config/slack-rules';
import { shortTypeName } from '../../core/finding/finding-type';
import { SENSITIVE_DATA_TYPES } from '../../core/types/finding';
import type { Action, MinSeverity } from '../../core/types/policy';
import type { TerminalPrompts, Validate } from '../terminal-prompts';
import type { InitValues } from './init-values';

/** Lists are typed on one line, separated by commas or spaces. */
const splitList = (text: string): string[] => text.split(/[\s,]+/).filter((item) => item !== '');

/** The rule's normalised value; only called on input the prompt's validator accepted. */
function normalise<T>(rule: Rule<T>, input: string): T {
  const result = rule(input);
  if (!result.ok) throw new Error(`unvalidated answer: ${result.problem}`);
  return result.value;
}

/** Each item through the validator; the first bad one is named with its problem. */
const listValidator =
  (validate: Validate): Validate =>
  (text) => {
    for (const item of splitList(text)) {
      const problem = validate(item);
      if (problem) return `${item} ${problem}`;
    }
    return undefined;
  };

/** Deploy needs a choice: names, or `*` alone for every bucket. */
const validateSourceBuckets: Validate = (text) => {
  const items = splitList(text);
  if (items.length === 0) return 'name at least one bucket, or * for every bucket of the account';
  if (allBucketsNotAlone(items)) return ALL_BUCKETS_ALONE;
  return listValidator(validateSourceBucket)(text);
};

const SEVERITY_CHOICES = [
  { value: 'LOW', name: 'Low and above (every finding)' },
  { value: 'MEDIUM', name: 'Medium and above' },
  { value: 'HIGH', name: 'High only' },
] as const satisfies readonly { value: MinSeverity; name: string }[];

const ACTION_CHOICES = [
  { value: 'AUTO', name: 'AUTO: quarantine at once' },
  { value: 'REVIEW', name: 'REVIEW: ask in Slack first' },
  { value: 'IGNORE', name: 'IGNORE: do nothing' },
] as const satisfies readonly { value: Action; name: string }[];

const describeActions = (config: Readonly<Record<string, Action>>): string =>
  SENSITIVE_DATA_TYPES.map((type) => `${shortTypeName(type)} ${config[type] ?? 'REVIEW'}`).join(', ');

async function askActions(
  prompts: TerminalPrompts,
  current: Readonly<Record<string, Action>>,
): Promise<Record<string, Action>> {
  const keep = await prompts.confirm(`Keep the action per finding type (${describeActions(current)})?`, true);
  if (keep) return { ...current };
  const config: Record<string, Action> = {};
  for (const type of SENSITIVE_DATA_TYPES) {
    const answer = await prompts.choose(`${shortTypeName(type)} findings`, ACTION_CHOICES, current[type] ?? 'REVIEW');
    config[type] = normalise(actionRule, answer);
  }
  return config;
}

/**
 * The non-secret settings, one question each, checked by the same rules as the settings loader: a wrong
 * answer is shown with its reason and asked again. Settings given as flags are not asked.
 */
async function askSettings(prompts: TerminalPrompts, current: InitValues, flags: SettingsFlags): Promise<InitValues> {
  const slackChannel =
    flags.slackChannel === undefined
      ? normalise(
          channelRule,
          await prompts.text('Slack channel for findings (name or id)', {
            default: current.slackChannel,
            validate: validateChannel,
          }),
        )
      : current.slackChannel;
  const approvers =
    flags.approver === undefined
      ? splitList(
          await prompts.text('Who may approve (Slack user or user-group ids, comma-separated; empty: anyone)', {
            default: current.approvers.join(', '),
            validate: listValidator(validateApprover),
          }),
        ).map((item) => normalise(approverRule, item).id)
      : current.approvers;
  const minSeverity =
    flags.minSeverity === undefined
      ? normalise(minSeverityRule, await prompts.choose('Minimum severity', SEVERITY_CHOICES, current.minSeverity))
      : current.minSeverity;
  const autoRemediateConfig =
    flags.auto === undefined ? await askActions(prompts, current.autoRemediateConfig) : current.autoRemediateConfig;
  const sourceBuckets =
    flags.sourceBucket === undefined
      ? splitList(
          await prompts.text(
            'Source buckets the remediator may move objects out of (comma-separated; * for every bucket)',
            {
              default: current.sourceBuckets.join(', ') || undefined,
              validate: validateSourceBuckets,
            },
          ),
        ).map((item) => normalise(sourceBucketRule, item))
      : current.sourceBuckets;
  return { ...current, slackChannel, approvers, minSeverity, autoRemediateConfig, sourceBuckets };
}

export { askSettings };
