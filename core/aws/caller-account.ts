import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { RemediateError } from '../errors';

/** The account of the credentials `sts` signs with. */
async function callerAccount(sts: STSClient): Promise<string> {
  const { Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Account) throw new RemediateError('INTERNAL', 'STS GetCallerIdentity answered without an account');
  return Account;
}

/**
 * Who the credentials `sts` signs with are, as an approver of a restore: `aws:<ARN>` (an assumed role's
 * session ARN names the person's session, so two people in one role are two approvers).
 */
async function callerPrincipal(sts: STSClient): Promise<string> {
  const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Arn) throw new RemediateError('INTERNAL', 'STS GetCallerIdentity answered without an ARN');
  return `aws:${Arn}`;
}

export { callerAccount, callerPrincipal };
