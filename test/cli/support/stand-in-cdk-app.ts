import {
  App,
  Aws,
  BootstraplessSynthesizer,
  CfnOutput,
  DefaultStackSynthesizer,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { STACK_OUTPUT_KEYS } from '../../../core/config';

/*
 * A CDK app for deploy's tests, in the role of bin/cdk-app.ts: a stack named by cdk.json's `stackName` with
 * the outputs the CLI reads back, and nothing moto's CloudFormation cannot carry (the real stack's Lambda
 * assets and HTTP API it cannot). The quarantine bucket is retained, as in the real stack, and a role may
 * read it: a first deployment widens IAM permissions, as the real stack's does.
 *   context standInApiUrl: the ApiUrl output; standInBootstrap: true for the default (bootstrapped) synthesizer.
 */
const app = new App();
const stackName = String(app.node.tryGetContext('stackName'));
const bootstrapped = app.node.tryGetContext('standInBootstrap') === true;
const stack = new Stack(app, stackName, {
  stackName,
  synthesizer: bootstrapped ? new DefaultStackSynthesizer() : new BootstraplessSynthesizer(),
});
const quarantine = new Bucket(stack, 'Quarantine', {
  bucketName: `${stackName.toLowerCase()}-quarantine`,
  removalPolicy: RemovalPolicy.RETAIN,
});
new Role(stack, 'Remediator', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
  new PolicyStatement({ actions: ['s3:GetObject'], resources: [quarantine.arnForObjects('*')] }),
);
const outputs: Record<string, string> = {
  [STACK_OUTPUT_KEYS.apiUrl]: String(app.node.tryGetContext('standInApiUrl')),
  [STACK_OUTPUT_KEYS.quarantineBucket]: quarantine.bucketName,
  [STACK_OUTPUT_KEYS.ledgerTable]: `${stackName}-ledger`,
  [STACK_OUTPUT_KEYS.findingHandlerFunction]: `${stackName}-finding-handler`,
  [STACK_OUTPUT_KEYS.remediationHandlerFunction]: `${stackName}-remediation-handler`,
  [STACK_OUTPUT_KEYS.remediatorFunction]: `${stackName}-remediator`,
  [STACK_OUTPUT_KEYS.secretArn]: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${String(app.node.tryGetContext('secretId'))}`,
  [STACK_OUTPUT_KEYS.region]: Aws.REGION,
  [STACK_OUTPUT_KEYS.auditBucket]: `${stackName.toLowerCase()}-audit`,
};
for (const [key, value] of Object.entries(outputs)) new CfnOutput(stack, key, { value });
app.synth();
