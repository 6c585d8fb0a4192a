import { sourceBucketsChosen } from '../../core/config';
import type { SettingSpec } from '../../core/config/resolve-setting';
import type { Rule } from '../../core/config/rule';
import { SETTING_SPECS } from '../../core/config/setting-specs';
import type { Settings } from '../../core/types/settings';
import { manifestPathProblem, slackAppNameRule, slackSigningSecretRule, slackWebhookUrlRule } from './init-rules';

interface InitInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** No prompts: what is not given now is not asked later. */
  readonly yes: boolean;
  readonly appName?: string;
  readonly manifestFile: string;
}

const NO_BUCKETS_CHOSEN =
  "source buckets: none chosen, and deploy needs a choice: pass --source-bucket NAME (repeatable) for the buckets Macie scans, or --source-bucket '*' for every bucket of the account";

/** A Slack credential from the environment in Slack's own format; the value is never shown. */
function credentialProblem(
  env: InitInputs['env'],
  spec: SettingSpec,
  rule: Rule<string>,
  reported: readonly string[],
): string | undefined {
  const value = spec.env ? env[spec.env] : undefined;
  const prefix = `${spec.label} from ${spec.env}:`;
  if (!value || reported.some((line) => line.startsWith(prefix))) return undefined;
  const result = rule(value);
  return result.ok ? undefined : `${prefix} ${result.problem}`;
}

/**
 * What init refuses beyond the settings loader's rules, before it changes anything: Slack credentials from the
 * environment in Slack's formats, the app name, the manifest path and, without prompts, a choice of source
 * buckets. `settings` is undefined when the loader refused them; `reported` are its problems, so one value is
 * not named twice.
 */
function initInputProblems(inputs: InitInputs, settings: Settings | undefined, reported: readonly string[]): string[] {
  const problems = [
    credentialProblem(inputs.env, SETTING_SPECS.signingSecret, slackSigningSecretRule, reported),
    credentialProblem(inputs.env, SETTING_SPECS.webhookUrl, slackWebhookUrlRule, reported),
  ];
  if (inputs.appName !== undefined) {
    const name = slackAppNameRule(inputs.appName);
    if (!name.ok) problems.push(`Slack app name ${JSON.stringify(inputs.appName)} from --app-name: ${name.problem}`);
  }
  const manifest = manifestPathProblem(inputs.cwd, inputs.manifestFile);
  if (manifest) problems.push(`manifest file ${JSON.stringify(inputs.manifestFile)} from --manifest-file: ${manifest}`);
  if (inputs.yes && settings && !sourceBucketsChosen(settings.sourceBuckets)) problems.push(NO_BUCKETS_CHOSEN);
  return problems.filter((problem): problem is string => problem !== undefined);
}

export type { InitInputs };
export { initInputProblems };
