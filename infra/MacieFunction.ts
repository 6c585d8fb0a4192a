import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLE_OPTIONS, FUNCTION_EXTERNALS, REPO_ROOT, type SdkChunk, sdkChunkCommands } from './lambda-bundle';
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
  /** The SDK modules the handler requires on first use, shipped beside its bundle (infra/lambda-bundle.ts). */
  readonly sdkChunks?: readonly SdkChunk[];
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
    this.fn = prebuilt
      ? new LambdaFunction(this, 'Function', { ...common, handler: 'index.handler', code: Code.fromAsset(prebuilt) })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: path.join(REPO_ROOT, props.entry),
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: {
            // Bundle the SDK v3 clients we pinned instead of the runtime's copy; esbuild keeps only the
            // clients (and commands) this entry imports.
            bundleAwsSDK: true,
            externalModules: FUNCTION_EXTERNALS,
            mainFields: [...BUNDLE_OPTIONS.mainFields],
            format: OutputFormat.CJS,
            target: BUNDLE_OPTIONS.target,
            minify: BUNDLE_OPTIONS.minify,
            sourceMap: BUNDLE_OPTIONS.sourcemap,
            sourcesContent: BUNDLE_OPTIONS.sourcesContent,
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir, outputDir) => sdkChunkCommands(outputDir, props.sdkChunks ?? []),
            },
            // Local esbuild only: synthesis must work without Docker or network.
            forceDockerBundling: false,
          },
        });
  }
}

export type { MacieFunctionProps };
export { MacieFunction };
