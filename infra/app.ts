import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../core/errors';
import { readDeployTargets } from './deploy-targets';
import { ForwardingStack } from './ForwardingStack';
import { FEATURE_FLAGS } from './feature-flags';
import { findLegacySecretKeys } from './legacy-secrets';
import { MacieRemediateStack } from './MacieRemediateStack';
import { MemberStack } from './MemberStack';
import { MemberStackSet } from './MemberStackSet';
import { forwardingStackName, memberStackName, memberStackSetStackName } from './names';
import { readStackConfig } from './stack-config';

interface CreateAppOptions {
  /** Extra context (tests); cdk.json and `-c` reach the app through the CDK CLI. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** @default - the CLI's output directory, or a temporary one */
  readonly outdir?: string;
  /** Run cdk-nag's AwsSolutions pack during synthesis. @default true */
  readonly nag?: boolean;
}

interface CreatedApp {
  readonly app: App;
  readonly stack: MacieRemediateStack;
  readonly member?: MemberStack;
  readonly memberStackSet?: MemberStackSet;
  readonly forwarding: readonly ForwardingStack[];
}

/**
 * The CDK app: the macie-remediate (admin) stack, configured from its context, and the stacks `deploy` adds
 * beside it: the member stack (alone, or as a StackSet over OUs) and one forwarding stack per other Region.
 */
function createApp(options: CreateAppOptions = {}): CreatedApp {
  // Context given here ranks below cdk.json and `-c`, so the pinned flags are only defaults.
  const app = new App({ context: { ...FEATURE_FLAGS, ...options.context }, outdir: options.outdir });
  const read = (key: string): unknown => app.node.tryGetContext(key);
  const config = readStackConfig(read);
  const targets = readDeployTargets(read);
  const stack = new MacieRemediateStack(app, config.stackName, {
    stackName: config.stackName,
    description: 'macie-remediate: quarantine of S3 objects holding Macie sensitive-data findings',
    config,
    legacySecretKeys: findLegacySecretKeys(read),
  });

  const { memberOf } = targets;
  const memberProps = memberOf ? { config, admin: memberOf } : undefined;
  const member = memberProps
    ? new MemberStack(app, memberStackName(config.stackName), {
        ...memberProps,
        stackName: memberStackName(config.stackName),
        description: 'macie-remediate: the role the Macie administrator uses in this account',
      })
    : undefined;
  const memberStackSet =
    memberProps && targets.memberTargets.length > 0
      ? new MemberStackSet(app, memberStackSetStackName(config.stackName), {
          stackName: memberStackSetStackName(config.stackName),
          description: 'macie-remediate: the member stack in every account of the target OUs',
          member: memberProps,
          organizationalUnitIds: targets.memberTargets,
        })
      : undefined;

  const { homeRegion } = targets;
  if (config.forwardRegions.length > 0 && !homeRegion)
    throw new ConfigError(['forwardRegions needs the home Region: deploy with --region (or AWS_REGION) set']);
  const forwarding = config.forwardRegions
    .filter((region) => region !== homeRegion)
    .map(
      (region) =>
        new ForwardingStack(app, forwardingStackName(config.stackName, region), {
          stackName: forwardingStackName(config.stackName, region),
          description: `macie-remediate: forwards Macie findings from ${region} to ${homeRegion}`,
          env: { region },
          homeRegion: homeRegion as string,
        }),
    );

  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, ...(member ? { member } : {}), ...(memberStackSet ? { memberStackSet } : {}), forwarding };
}

export type { CreateAppOptions, CreatedApp };
export { createApp };
