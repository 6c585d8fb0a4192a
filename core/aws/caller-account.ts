import type { STSClient } from '@aws-sdk/client-sts';
import { RemediateError } from '../errors';
import { stsSdk } from './sdk-on-first-use';

/** The account of the credentials `sts` signs with. */
async function callerAccount(sts: STSClient): Promise<string> {
  const { Account } = await sts.send(new (stsSdk().GetCallerIdentityCommand)({}));
  if (!Account) throw new RemediateError('INTERNAL', 'STS GetCallerIdentity answered without an account');
  return Account;
}

export { callerAccount };
