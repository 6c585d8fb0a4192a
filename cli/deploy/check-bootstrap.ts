import { RemediateError } from '../../core/errors';
import { awsFailure, isMissing } from '../init/aws-failure';
import { type ClientSettings, callerIdentity, cloudFormationClient } from './setup-clients';

/** The CDK's default bootstrap stack (`cdk bootstrap` without --toolkit-stack-name). */
const TOOLKIT_STACK = 'CDKToolkit';

const notBootstrapped = (problem: string, account: string, region: string): RemediateError =>
  new RemediateError(
    'CONFIG_INVALID',
    `${problem}. Bootstrap the account and Region once (it creates the CDK's asset bucket and deploy roles): ` +
      `npx cdk bootstrap aws://${account}/${region}, then run deploy again`,
    { source: 'user' },
  );

/**
 * Says plainly, before anything is published, when the account and Region lack the CDK bootstrap stack the
 * synthesized stack needs (its Lambda code goes through the bootstrap bucket), or have one too old for it.
 */
async function checkBootstrap(settings: ClientSettings, requiredVersion: number | undefined): Promise<void> {
  if (requiredVersion === undefined) return;
  const { DescribeStacksCommand } =
    require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  try {
    identity = await callerIdentity(settings);
  } catch (err) {
    throw awsFailure('Cannot deploy', err);
  }
  const { account, region } = identity;
  let version: string | undefined;
  try {
    const answer = await cloudFormationClient(settings).send(new DescribeStacksCommand({ StackName: TOOLKIT_STACK }));
    version = answer.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
  } catch (err) {
    if (isMissing(err))
      throw notBootstrapped(`${region} of account ${account} is not bootstrapped for the CDK`, account, region);
    throw awsFailure(`Could not read the ${TOOLKIT_STACK} stack`, err);
  }
  if (version !== undefined && Number(version) < requiredVersion)
    throw notBootstrapped(
      `The CDK bootstrap stack in ${region} is version ${version}; this stack needs ${requiredVersion} or later`,
      account,
      region,
    );
}

export { checkBootstrap, TOOLKIT_STACK };
