import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FEATURE_FLAGS } from './feature-flags';
import { findLegacySecretKeys } from './legacy-secrets';
import { MacieRemediateStack } from './MacieRemediateStack';
import { readStackConfig } from './stack-config';

interface CreateAppOptions {
  /** Extra context (tests); cdk.json and `-c` reach the app through the CDK CLI. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** @default - the CLI's output directory, or a temporary one */
  readonly outdir?: string;
  /** Run cdk-nag's AwsSolutions pack during synthesis. @default true */
  readonly nag?: boolean;
}

/** The CDK app with the macie-remediate stack, configured from its context. */
function createApp(options: CreateAppOptions = {}): { app: App; stack: MacieRemediateStack } {
  // Context given here ranks below cdk.json and `-c`, so the pinned flags are only defaults.
  const app = new App({ context: { ...FEATURE_FLAGS, ...options.context }, outdir: options.outdir });
  const read = (key: string): unknown => app.node.tryGetContext(key);
  const config = readStackConfig(read);
  const stack = new MacieRemediateStack(app, config.stackName, {
    stackName: config.stackName,
    description: 'macie-remediate: quarantine of S3 objects holding Macie sensitive-data findings',
    config,
    legacySecretKeys: findLegacySecretKeys(read),
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

export type { CreateAppOptions };
export { createApp };
