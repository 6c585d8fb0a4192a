import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedCloudAssembly, StackSelector, Toolkit } from '@aws-cdk/toolkit-lib';
import { RemediateError } from '../../core/errors';
import type { Output } from '../output';
import { type ApproveBroadening, ProgressIoHost } from './ProgressIoHost';

interface CdkToolkitOptions {
  readonly cwd: string;
  /** cdk.json's `app`: the same command `cdk deploy` would run. */
  readonly app: string;
  /** The stacks to diff or deploy; every one must be in the app. */
  readonly stackNames: readonly string[];
  /** Context on top of cdk.json's, as `cdk -c` gives it. */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly output: Output;
  readonly profile?: string;
  readonly region?: string;
  /** Asked before a deployment that widens IAM permissions. @default approved */
  readonly approveBroadening?: ApproveBroadening;
}

/** The synthesized app, ready to diff or deploy without synthesizing again. */
interface SynthesizedStack {
  readonly assembly: CachedCloudAssembly;
  /** The bootstrap stack version the stacks' assets and roles need; undefined when they need none. */
  readonly bootstrapVersion?: number;
}

/** As `cdk deploy --method`: a change set (the default), or CreateStack/UpdateStack directly. */
type DeployMethod = 'change-set' | 'direct';

/** The formatted diff of one stack. */
const DIFF_TEXT = 'CDK_TOOLKIT_I4002';

const toolkitLib = () => require('@aws-cdk/toolkit-lib') as typeof import('@aws-cdk/toolkit-lib');

/**
 * The CDK toolkit library, in this process: no global `cdk` install, no subprocess but the CDK app itself.
 * It reads credentials, Region and endpoints (`AWS_ENDPOINT_URL`) from the process environment like the CDK
 * CLI does; `--profile` and `--region` are handed on.
 */
class CdkToolkit {
  private readonly toolkit: Toolkit;
  private readonly host: ProgressIoHost;

  constructor(private readonly options: CdkToolkitOptions) {
    const lib = toolkitLib();
    this.host = new ProgressIoHost(options.output, [DIFF_TEXT], options.approveBroadening);
    this.toolkit = new lib.Toolkit({
      ioHost: this.host,
      color: options.output.color,
      emojis: false,
      sdkConfig: {
        baseCredentials: lib.BaseCredentials.awsCliCompatible({
          profile: options.profile,
          defaultRegion: options.region,
        }),
      },
    });
  }

  private get stacks(): StackSelector {
    const { StackSelectionStrategy } = toolkitLib();
    return { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [...this.options.stackNames] };
  }

  /**
   * Runs the CDK app (offline: no default environment lookup) into `cdk.out`, as `cdk synth` does; like
   * `cdk deploy <stacks>`, only the chosen stacks bundle their assets.
   */
  async synth(): Promise<SynthesizedStack> {
    const { CdkAppMultiContext } = toolkitLib();
    const { cwd, stackNames } = this.options;
    const source = await this.toolkit.fromCdkApp(this.options.app, {
      workingDirectory: cwd,
      outdir: join(cwd, 'cdk.out'),
      resolveDefaultEnvironment: false,
      contextStore: new CdkAppMultiContext(cwd, {
        ...this.options.context,
        'aws:cdk:bundling-stacks': [...stackNames],
      }),
    });
    let assembly: CachedCloudAssembly;
    try {
      assembly = await this.toolkit.synth(source);
    } catch (err) {
      throw this.synthFailure(err);
    }
    const stacks = stackNames.map((name) => assembly.cloudAssembly.stacks.find((s) => s.stackName === name));
    const missing = stackNames.filter((_, i) => !stacks[i]);
    if (missing.length > 0) {
      await assembly.dispose();
      throw new RemediateError(
        'CONFIG_INVALID',
        `The CDK app (${this.options.app}) has no stack ${missing.join(', ')}: check "stackName" in cdk.json`,
        { source: 'user' },
      );
    }
    const versions = stacks.flatMap((s) => (s?.requiresBootstrapStackVersion ? [s.requiresBootstrapStackVersion] : []));
    return { assembly, ...(versions.length > 0 ? { bootstrapVersion: Math.max(...versions) } : {}) };
  }

  /**
   * The change set as text: against the deployed template (an absent stack counts as empty), or against an
   * empty stack without touching AWS.
   */
  async diff(synthesized: SynthesizedStack, against: 'deployed' | 'empty'): Promise<{ text: string; changes: number }> {
    const { DiffMethod } = toolkitLib();
    let method = DiffMethod.TemplateOnly();
    if (against === 'empty') {
      const empty = join(this.options.cwd, 'cdk.out', 'empty-stack.template.json');
      mkdirSync(join(this.options.cwd, 'cdk.out'), { recursive: true });
      writeFileSync(empty, '{}\n');
      method = DiffMethod.LocalFile(empty);
    }
    const diffs = await this.toolkit.diff(synthesized.assembly, { stacks: this.stacks, method });
    const changes = Object.values(diffs).reduce((sum, diff) => sum + diff.differenceCount, 0);
    return { text: this.host.messages(DIFF_TEXT).join('\n\n'), changes };
  }

  /** Publishes the assets, deploys (through a change set, or directly) and resolves each stack's outputs. */
  async deploy(synthesized: SynthesizedStack, method: DeployMethod): Promise<Record<string, Record<string, string>>> {
    const result = await this.toolkit.deploy(synthesized.assembly, {
      stacks: this.stacks,
      deploymentMethod: { method },
    });
    return Object.fromEntries(result.stacks.map((s) => [s.stackName, { ...s.outputs }]));
  }

  /** A configuration error of the CDK app (its problems on stderr) is the user's to fix. */
  private synthFailure(err: unknown): RemediateError {
    const appStderr = this.host.takeAppStderr();
    const message = err instanceof Error ? err.message : String(err);
    // bin/cdk-app.ts prints a ConfigError's problem list, headed like this, and exits 2.
    const configProblems = appStderr.includes('Invalid configuration');
    return new RemediateError(
      configProblems ? 'CONFIG_INVALID' : 'INTERNAL',
      `Synthesis failed: ${configProblems ? appStderr.slice(appStderr.indexOf('Invalid configuration')) : message}`,
      { source: configProblems ? 'user' : 'system', cause: err },
    );
  }
}

export type { CdkToolkitOptions, DeployMethod, SynthesizedStack };
export { CdkToolkit };
