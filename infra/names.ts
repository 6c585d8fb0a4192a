/** Names the app and the deploy command share (no CDK import: the CLI loads this without aws-cdk-lib). */

/** An Organizations organizational unit (`ou-…`) or root (`r-…`) id, the targets a StackSet accepts. */
const ORGANIZATION_TARGET = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

/** The stacks beside the admin stack, named after it so that several installations do not collide. */
const memberStackName = (stackName: string) => `${stackName}Member`;
const memberStackSetStackName = (stackName: string) => `${stackName}MemberStackSet`;
const forwardingStackName = (stackName: string, region: string) => `${stackName}Forward-${region}`;

/** The admin stack's outputs a member stack is built from (AdminStackRefs), read back by `deploy --members`. */
const MEMBER_STACK_INPUTS = {
  remediatorRoleArn: 'RemediatorRoleArn',
  quarantineBucketName: 'QuarantineBucketName',
  quarantineKeyArn: 'QuarantineKeyArn',
} as const;

export { forwardingStackName, MEMBER_STACK_INPUTS, memberStackName, memberStackSetStackName, ORGANIZATION_TARGET };
