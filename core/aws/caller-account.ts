import type { STSClient } from '@aws-sdk/client-sts';
import { RemediateError } from '../errors';
import { stsSdk } from './sdk-on-first-use';

/** The account of the credentials `sts` signs with. */
async function callerAccount(sts: STSClient): Promise<string> {
  const { Account } = await sts.send(new (stsSdk().GetCallerIdentityCommand)({}));
  if (!Account) throw new RemediateError('INTERNAL', 'STS GetCallerIdentity answered without an account');
  return Account;
}

/**
 * Who the credentials `sts` signs with are, as an approver of a restore: `aws:<ARN>`. A session of an assumed
 * role counts as the role itself, because whoever may assume a role chooses the session name and could approve
 * twice under two names; IAM Identity Center's roles (`AWSReservedSSO_…`) are the exception: there AWS sets the
 * session name to the signed-in person, so each person is an approver of their own.
 */
async function callerPrincipal(sts: STSClient): Promise<string> {
  const { Arn } = await sts.send(new (stsSdk().GetCallerIdentityCommand)({}));
  if (!Arn) throw new RemediateError('INTERNAL', 'STS GetCallerIdentity answered without an ARN');
  return `aws:${approverArn(Arn)}`;
}

/** `arn:aws:sts::<acct>:assumed-role/<role>/<session>` → the role's session only for Identity Center roles. */
function approverArn(arn: string): string {
  const session = /^(arn:[^:]+:sts::\d{12}:assumed-role\/([^/]+))\/.+$/.exec(arn);
  if (!session || session[2]?.startsWith('AWSReservedSSO_')) return arn;
  return session[1] as string;
}

export { callerAccount, callerPrincipal };
