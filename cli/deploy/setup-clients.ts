import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from '../../core/aws/aws-client-config';
import type { Settings } from '../../core/types/settings';

type ClientSettings = Pick<Settings, 'region' | 'profile' | 'endpointUrl'>;

/** CloudFormation and STS, which only the set-up commands need (the shared AwsClients covers the rest). */
function cloudFormationClient(settings: ClientSettings): CloudFormationClient {
  const { CloudFormationClient } =
    require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  return new CloudFormationClient(awsClientConfig(settings));
}

function stsClient(settings: ClientSettings): STSClient {
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  return new STSClient(awsClientConfig(settings));
}

/** Who and where: the account of the credentials and the Region the clients resolved. */
async function callerIdentity(settings: ClientSettings): Promise<{ account: string; arn: string; region: string }> {
  const { GetCallerIdentityCommand } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const sts = stsClient(settings);
  const region = await sts.config.region();
  const answer = await sts.send(new GetCallerIdentityCommand({}));
  return { account: answer.Account ?? 'unknown', arn: answer.Arn ?? 'unknown', region };
}

export type { ClientSettings };
export { callerIdentity, cloudFormationClient, stsClient };
