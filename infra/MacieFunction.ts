import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPO_ROOT } from './lambda-bundle';
import { prebuiltAsset } from './prebuilt-assets';

interface MacieFunctionProps {
  /** Entry file under `lambda/`, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Names and ARNs only: secrets are read from Secrets Manager at run time. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetentionDays: number;
  readonly tracing: boolean;
  /** On-failure destination for asynchronous invocations; synchronous-only functions pass none. */
  readonly failureQueue?: IQueue;
  readonly reservedConcurrentExecutions?: number;
}

/**
 * `entry` bundled now, from the sources, by infra/bundle-function.ts: the same code the prebuilt package ships
 * (esbuild's plugins need its asynchronous API, which CDK's synchronous bundling reaches through a child process).
 */
function bundledFromSources(entry: string): Code {
  return Code.fromAsset(path.join(REPO_ROOT, 'lambda'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local bundling below always answers or fails.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      // Part of CDK's bundling cache key, which a local bundler's code is not: one asset per entry.
      environment: { ENTRY: entry },
      local: {
        tryBundle(outputDir) {
          const tsx = require.resolve('tsx/cli');
          const script = path.join(REPO_ROOT, 'scripts', 'bundle-function.ts');
          const run = spawnSync(process.execPath, [tsx, script, entry, outputDir], { encoding: 'utf8' });
          if (run.status !== 0) throw new Error(`Bundling ${entry} failed: ${run.stderr || run.error?.message}`);
          return true;
        },
      },
    },
  });
}

/**
 * One Lambda function with its own role and log group. The role is ours (not the managed
 * AWSLambdaBasicExecutionRole) so that it can write only to this function's log group. Its code is the asset
 * prebuilt into the installed package when there is one (infra/prebuilt-assets.ts), else `entry` bundled now with
 * the same options; the function's properties are the same either way.
 */
class MacieFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: MacieFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `macie-remediate ${id}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const common = {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      // Lambda retries a failed asynchronous invocation twice, then parks the event in the queue.
      ...(props.failureQueue
        ? { onFailure: new SqsDestination(props.failureQueue), retryAttempts: 2, maxEventAge: Duration.hours(6) }
        : {}),
    };
    const prebuilt = prebuiltAsset(props.entry);
    this.fn = new LambdaFunction(this, 'Function', {
      ...common,
      handler: 'index.handler',
      code: prebuilt ? Code.fromAsset(prebuilt) : bundledFromSources(props.entry),
    });
  }
}

export type { MacieFunctionProps };
export { MacieFunction };
