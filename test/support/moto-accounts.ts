import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountReach } from '../../core/aws/account-clients';
import { memberRoleArn } from '../../core/aws/member-credentials';
import { testCredentials } from './aws';
import { type MotoServer, startMoto } from './moto-server';

/**
 * Several accounts on one moto (started per suite, without the shared account of the global one): AssumeRole
 * into any account answers credentials that act in that account (each account has its own buckets, a bucket
 * is reachable by name from any), and GetCallerIdentity tells any access key's account.
 */
const MEMBER_ROLE = 'MacieRemediateMember';

/** A moto of its own for the suite, where each access key acts as its account; `url()` once started. */
function useAccountsMoto(): { url(): string } {
  let moto: MotoServer | undefined;
  beforeAll(async () => {
    moto = await startMoto({ accounts: 'per-credentials' });
  });
  afterAll(() => moto?.stop());
  return {
    url: () => {
      if (!moto) throw new Error('the accounts moto is not started yet');
      return moto.url;
    },
  };
}

const motoSts = (endpoint: string): STSClient =>
  new STSClient({ region: 'us-east-1', endpoint, credentials: testCredentials, maxAttempts: 1 });

/** How a test door reaches other accounts and Regions: the engine's S3 config, through `endpoint`. */
function motoReach(endpoint: string, sts = motoSts(endpoint)): AccountReach {
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

/** An S3 client acting in `account` (as its member role): to set up and inspect its buckets. */
async function s3As(endpoint: string, account: string, region = 'us-east-1'): Promise<S3Client> {
  const assumed = await motoSts(endpoint).send(
    new AssumeRoleCommand({ RoleArn: memberRoleArn(account, MEMBER_ROLE), RoleSessionName: 'test-setup' }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`moto gave no credentials for ${account}`);
  return new S3Client({
    region,
    endpoint,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

/** The account an access key belongs to, as STS tells it. */
async function accountOf(endpoint: string, accessKeyId: string): Promise<string> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId, secretAccessKey: 'unused' },
    maxAttempts: 1,
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  return identity.Account ?? '';
}

/** Every distinct access key's account, once each. */
async function accountsOf(endpoint: string, accessKeyIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(accessKeyIds)];
  return new Map(await Promise.all(ids.map(async (id) => [id, await accountOf(endpoint, id)] as const)));
}

export { accountOf, accountsOf, MEMBER_ROLE, motoReach, motoSts, s3As, useAccountsMoto };
