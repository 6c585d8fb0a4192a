import { type ClientSettings, callerIdentity } from '../deploy/setup-clients';
import { NO_CREDENTIALS } from '../init/aws-failure';
import { fail, pass, reasonOf, type StatusCheck } from './status-check';

const CHECK = 'credentials';

/** STS GetCallerIdentity: the credentials work, and which account and Region the commands act on. */
async function checkCredentials(settings: ClientSettings): Promise<{ result: StatusCheck; region?: string }> {
  try {
    const { account, arn, region } = await callerIdentity(settings);
    return { result: pass(CHECK, `account ${account} as ${arn}, Region ${region}`), region };
  } catch (err) {
    if (err instanceof Error && err.name === NO_CREDENTIALS)
      return {
        result: fail(CHECK, 'no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)'),
      };
    if (/region is missing/i.test(reasonOf(err)))
      return { result: fail(CHECK, 'no AWS Region: set AWS_REGION, --region or a region in the profile') };
    return { result: fail(CHECK, `STS GetCallerIdentity failed: ${reasonOf(err)}`) };
  }
}

export { checkCredentials };
