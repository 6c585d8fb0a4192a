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
import { type DeployTarget, memberOf, targetStacks } from './deploy-targets';
import { IamApproval } from './iam-approval';
import { pointSlackAtApi } from './point-slack-at-api';
import { callerIdentity, stsClient } from './setup-clients';

interface DeployOptions {
  /** Synthesize and show the change set; deploy nothing. */
  readonly dryRun: boolean;
  /** The Slack app manifest init wrote (relative to the working directory). */
  readonly manifestFile: string;
  /** @default 'change-set' */
  readonly method?: DeployMethod;
  /** Approve IAM-widening changes without asking (scripts). */
  readonly yes: boolean;
  /** @default the admin stack, with the forwarding stacks of cdk.json's forwardRegions */
  readonly target?: DeployTarget;
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

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? value.split(',') : [];

/**
 * The stacks a target deploys and the context that adds them to the app: the admin stack's outputs for a
 * member stack, the OUs for its StackSet, the home Region (the one of the credentials) for forwarding stacks.
 */
async function targetPlan(
  target: DeployTarget,
  settings: Settings,
  cwd: string,
  cdkContext: Readonly<Record<string, unknown>>,
): Promise<{ stacks: string[]; context: Record<string, unknown> }> {
  const { stackName } = settings;
  if (target.kind !== 'admin') {
    const context = {
      memberOf: memberOf(cwd, stackName),
      ...(target.kind === 'member-stackset' ? { memberTargets: target.organizationalUnitIds } : {}),
    };
    return { stacks: targetStacks(target, stackName, []), context };
  }
  const regions = target.regions ?? asList(cdkContext.forwardRegions);
  if (regions.length === 0) return { stacks: targetStacks(target, stackName, []), context: {} };
  const homeRegion = await stsClient(settings).config.region();
  if (regions.includes(homeRegion))
    throw new InvalidInputError(
      'USAGE',
      `--regions: ${homeRegion} is the home Region, whose findings need no forwarding`,
    );
  return { stacks: targetStacks(target, stackName, regions), context: { homeRegion, forwardRegions: regions } };
}

/** What the user must still do by hand after a deployment. */
function deployNotes(target: DeployTarget, stackName: string): string[] {
  if (target.kind !== 'member-stackset') return [];
  return [
    `StackSets never reach the organization's management account: if ${stackName} acts on its buckets, deploy ` +
      'the member stack there by hand with macie-remediate deploy --members --profile <management account profile>.',
  ];
}

/**
 * Synthesizes the stack, then either shows the change set (`--dry-run`) or checks the CDK bootstrap, deploys,
 * remembers the outputs in cdk.outputs.json for the other commands and points the Slack app at the API.
 */
async function runDeploy(ctx: CommandContext, options: DeployOptions): Promise<DeployReport> {
  const { io, output } = ctx;
  const { app, context } = cdkApp(io.cwd);
  const settings = ctx.settings();
  const target = options.target ?? { kind: 'admin' };
  const plan = await targetPlan(target, settings, io.cwd, context);
  const stack = plan.stacks[0] as string;
  const { profile, region } = settings;
  const approval = new IamApproval(io, stack, options.yes);
  const toolkit = new CdkToolkit({
    cwd: io.cwd,
    app,
    stackNames: plan.stacks,
    context: plan.context,
    output,
    profile,
    region,
    approveBroadening: (diff) => approval.approve(diff),
  });
  const notes = deployNotes(target, settings.stackName);
  for (const note of notes) output.info(note);
  output.info(`Synthesizing ${plan.stacks.join(', ')}…`);
  const synthesized = await toolkit.synth();
  try {
    if (options.dryRun) {
      const baseline = await diffBaseline(settings);
      if (baseline.reason) output.info(baseline.reason);
      const { text, changes } = await toolkit.diff(synthesized, baseline.against);
      return { kind: 'dry-run', stack, ...baseline, changes, diff: text };
    }
    await checkBootstrap(settings, synthesized.bootstrapVersion);
    let deployed: Record<string, Record<string, string>>;
    try {
      deployed = await toolkit.deploy(synthesized, options.method ?? 'change-set');
    } catch (err) {
      throw approval.refusal() ?? err;
    }
    const outputs = deployed[stack] ?? {};
    const outputsFile = writeStackOutputs(io.cwd, stack, outputs);
    if (target.kind !== 'admin') return { kind: 'deployed', stack, stacks: plan.stacks, outputs, outputsFile, notes };
    const apiUrl = outputs[STACK_OUTPUT_KEYS.apiUrl];
    const appId = typeof context.slackAppId === 'string' && context.slackAppId !== '' ? context.slackAppId : undefined;
    const slack = apiUrl
      ? await pointSlackAtApi(io, output, settings, {
          apiUrl,
          manifestFile: resolve(io.cwd, options.manifestFile),
          ...(appId ? { appId } : {}),
        })
      : undefined;
    return { kind: 'deployed', stack, stacks: plan.stacks, outputs, outputsFile, notes, ...(slack ? { slack } : {}) };
  } finally {
    await synthesized.assembly.dispose();
  }
}

export type { DeployOptions };
export { runDeploy };
