/** Names the stacks and the deploy command validate alike. */

/** A commercial, GovCloud or China Region name: `eu-west-1`, `us-gov-west-1`, `cn-north-1`. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** An Organizations organizational unit (`ou-…`) or root (`r-…`) id, the targets a StackSet accepts. */
const ORGANIZATION_TARGET = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** IAM's rule for a role name. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

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

export {
  ACCOUNT_ID,
  forwardingStackName,
  MEMBER_STACK_INPUTS,
  memberStackName,
  memberStackSetStackName,
  ORGANIZATION_ID,
  ORGANIZATION_TARGET,
  REGION_NAME,
  ROLE_NAME,
};
