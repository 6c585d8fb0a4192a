import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountReach } from '../../core/aws/account-clients';
import { memberRoleArn } from '../../core/aws/member-credentials';
import { motoUrl, testCredentials } from './aws';

/**
 * Several accounts on one moto: AssumeRole into any account answers credentials that act in that account
 * (each account has its own buckets), and GetCallerIdentity tells any access key's account.
 */
const MEMBER_ROLE = 'MacieRemediateMember';

const motoSts = (endpoint = motoUrl()): STSClient =>
  new STSClient({ region: 'us-east-1', endpoint, credentials: testCredentials, maxAttempts: 1 });

/** How a test door reaches other accounts and Regions: the engine's S3 config, through `endpoint`. */
function motoReach(endpoint = motoUrl(), sts = motoSts(endpoint)): AccountReach {
  return {
    sts: () => sts,
    s3: ({ region, credentials }) =>
      new S3Client({
        region,
        endpoint,
        credentials: credentials ?? testCredentials,
        forcePathStyle: true,
        maxAttempts: 1,
      }),
  };
}

/** An S3 client acting in `account` (as its member role), straight to moto: to set up and inspect its buckets. */
async function s3As(account: string, region = 'us-east-1'): Promise<S3Client> {
  const assumed = await motoSts().send(
    new AssumeRoleCommand({ RoleArn: memberRoleArn(account, MEMBER_ROLE), RoleSessionName: 'test-setup' }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`moto gave no credentials for ${account}`);
  return new S3Client({
    region,
    endpoint: motoUrl(),
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

/** The account an access key belongs to, as STS tells it. */
async function accountOf(accessKeyId: string): Promise<string> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: motoUrl(),
    credentials: { accessKeyId, secretAccessKey: 'unused' },
    maxAttempts: 1,
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  return identity.Account ?? '';
}

/** Every distinct access key's account, once each. */
async function accountsOf(accessKeyIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(accessKeyIds)];
  return new Map(await Promise.all(ids.map(async (id) => [id, await accountOf(id)] as const)));
}

export { accountOf, accountsOf, MEMBER_ROLE, motoReach, motoSts, s3As };
