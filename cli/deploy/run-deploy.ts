import { resolve } from 'node:path';
import { loadSettings, NO_SOURCE_BUCKETS, STACK_OUTPUT_KEYS, sourceBucketsChosen } from '../../core/config';
import { ConfigError, InvalidInputError } from '../../core/errors';
import type { Settings } from '../../core/types/settings';
import type { CommandContext } from '../context';
import { readCdkJsonDocument } from '../init/cdk-json-document';
import { writeStackOutputs } from '../stack-outputs-file';
import { CdkToolkit, type DeployMethod } from './CdkToolkit';
import { checkBootstrap } from './check-bootstrap';
import type { DeployReport } from './deploy-report';
import { IamApproval } from './iam-approval';
import { pointSlackAtApi } from './point-slack-at-api';
import { callerIdentity } from './setup-clients';

interface DeployOptions {
  /** Synthesize and show the change set; deploy nothing. */
  readonly dryRun: boolean;
  /** The Slack app manifest init wrote (relative to the working directory). */
  readonly manifestFile: string;
  /** @default 'change-set' */
  readonly method?: DeployMethod;
  /** Approve IAM-widening changes without asking (scripts). */
  readonly yes: boolean;
}

/** The deployed template when AWS answers, else an empty stack (offline, or no credentials), saying which. */
async function diffBaseline(settings: Settings): Promise<{ against: 'deployed' | 'empty'; reason?: string }> {
  try {
    await callerIdentity(settings);
    return { against: 'deployed' };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    const reason = `No deployed stack to compare with (AWS: ${why}): compared with an empty stack`;
    return { against: 'empty', reason };
  }
}

/**
 * The CDK app cdk.json names; deploy runs exactly what `cdk deploy` would. Its context must choose the source
 * buckets (the stack is built from cdk.json alone, so neither flags nor the environment count here).
 */
function cdkApp(cwd: string): { app: string; context: Readonly<Record<string, unknown>> } {
  const document = readCdkJsonDocument(cwd);
  if (typeof document.json.app !== 'string')
    throw new InvalidInputError('USAGE', `No cdk.json with an "app" in ${cwd}: run macie-remediate init first`);
  if (!sourceBucketsChosen(loadSettings({ cdkContext: document.context }).sourceBuckets))
    throw new ConfigError([NO_SOURCE_BUCKETS]);
  return { app: document.json.app, context: document.context };
}

/**
 * Synthesizes the stack, then either shows the change set (`--dry-run`) or checks the CDK bootstrap, deploys,
 * remembers the outputs in cdk.outputs.json for the other commands and points the Slack app at the API.
 */
async function runDeploy(ctx: CommandContext, options: DeployOptions): Promise<DeployReport> {
  const { io, output } = ctx;
  const { app, context } = cdkApp(io.cwd);
  const settings = ctx.settings();
  const stack = settings.stackName;
  const { profile, region } = settings;
  const approval = new IamApproval(io, stack, options.yes);
  const toolkit = new CdkToolkit({
    cwd: io.cwd,
    app,
    stackName: stack,
    output,
    profile,
    region,
    approveBroadening: (diff) => approval.approve(diff),
  });
  output.info(`Synthesizing ${stack}…`);
  const synthesized = await toolkit.synth();
  try {
    if (options.dryRun) {
      const baseline = await diffBaseline(settings);
      if (baseline.reason) output.info(baseline.reason);
      const { text, changes } = await toolkit.diff(synthesized, baseline.against);
      return { kind: 'dry-run', stack, ...baseline, changes, diff: text };
    }
    await checkBootstrap(settings, synthesized.bootstrapVersion);
    let outputs: Record<string, string>;
    try {
      outputs = await toolkit.deploy(synthesized, options.method ?? 'change-set');
    } catch (err) {
      throw approval.refusal() ?? err;
    }
    const outputsFile = writeStackOutputs(io.cwd, stack, outputs);
    const apiUrl = outputs[STACK_OUTPUT_KEYS.apiUrl];
    const appId = typeof context.slackAppId === 'string' && context.slackAppId !== '' ? context.slackAppId : undefined;
    const slack = apiUrl
      ? await pointSlackAtApi(io, output, settings, {
          apiUrl,
          manifestFile: resolve(io.cwd, options.manifestFile),
          ...(appId ? { appId } : {}),
        })
      : undefined;
    return { kind: 'deployed', stack, outputs, outputsFile, ...(slack ? { slack } : {}) };
  } finally {
    await synthesized.assembly.dispose();
  }
}

export type { DeployOptions };
export { runDeploy };
