import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { s3ClientConfig } from '../../core/aws/aws-client-config';
import { MemberCredentials, type RoleCredentials } from '../../core/aws/member-credentials';
import { recordAccount } from '../../core/finding/object-identity';
import { ALL_ACCOUNTS } from '../../core/policy/account-scope';
import type { Ledger } from '../../core/types/ports';
import type { Clock } from '../../core/types/runtime';
import type { Settings } from '../../core/types/settings';
import { fail, pass, reasonOf, type StatusCheck, skip } from './status-check';

const CHECK = 'member';
const DEPLOY_MEMBERS = 'deploy the member stack (macie-remediate deploy --members) or check memberRoleName';

interface MemberCheckInput {
  readonly settings: Settings;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sts: STSClient;
  readonly ownAccount: string;
  readonly clock: Clock;
  /** Where `memberAccounts: ["*"]` learns which accounts to check. @default none: only accountPolicies' */
  readonly ledger?: Ledger;
}

/**
 * The member accounts to check: those listed; with `*`, those whose findings the ledger holds and those
 * accountPolicies names. Never the own account, whose objects need no role.
 */
async function membersOf(input: MemberCheckInput): Promise<string[]> {
  const { memberAccounts, accountPolicies } = input.settings;
  const accounts = new Set(memberAccounts.filter((a) => a !== ALL_ACCOUNTS));
  if (memberAccounts.includes(ALL_ACCOUNTS)) {
    for (const account of Object.keys(accountPolicies)) accounts.add(account);
    try {
      if (input.ledger) for await (const record of input.ledger.query()) accounts.add(recordAccount(record) ?? '');
    } catch {
      // No readable ledger (not deployed yet): the stack check says so; the accounts named here are still checked.
    }
  }
  accounts.delete('');
  accounts.delete(input.ownAccount);
  return [...accounts].sort();
}

/**
 * One account: its member role assumable (the engine's rule for the role and its session), then its in-scope
 * buckets reachable with that role (`*`: ListBuckets).
 */
async function checkMember(input: MemberCheckInput, members: MemberCredentials, account: string): Promise<StatusCheck> {
  const { settings } = input;
  const name = `${CHECK} ${account}`;
  let credentials: RoleCredentials;
  try {
    credentials = await members.get(account);
  } catch (err) {
    return fail(name, `cannot assume ${members.roleArn(account)} (${reasonOf(err)}): ${DEPLOY_MEMBERS}`);
  }
  const s3 = new S3Client({ ...s3ClientConfig(settings, input.env), credentials, maxAttempts: 2 });
  const buckets = settings.accountPolicies[account]?.sourceBuckets ?? settings.sourceBuckets;
  try {
    if (buckets.length === 0 || buckets.includes('*')) {
      await s3.send(new ListBucketsCommand({}));
      return pass(name, `${settings.memberRoleName} assumed; ListBuckets works (every bucket in scope)`);
    }
    const unreachable: string[] = [];
    for (const bucket of buckets) {
      await s3.send(new HeadBucketCommand({ Bucket: bucket })).catch((err: unknown) => {
        unreachable.push(`${bucket} (${(err as { name?: string }).name ?? reasonOf(err)})`);
      });
    }
    if (unreachable.length > 0) {
      return fail(
        name,
        `${settings.memberRoleName} assumed, but cannot reach ${unreachable.join(', ')}: check the bucket name in sourceBuckets or accountPolicies, and that the member stack covers it`,
      );
    }
    return pass(name, `${settings.memberRoleName} assumed; ${buckets.join(', ')} reachable`);
  } catch (err) {
    return fail(
      name,
      `${settings.memberRoleName} assumed, but ListBuckets failed (${reasonOf(err)}): ${DEPLOY_MEMBERS}`,
    );
  } finally {
    s3.destroy();
  }
}

/** A line per member account (none for a stack of one account). */
async function checkMembers(input: MemberCheckInput): Promise<StatusCheck[]> {
  if (input.settings.memberAccounts.length === 0) return [];
  const accounts = await membersOf(input);
  if (accounts.length === 0) return [skip(CHECK, 'memberAccounts is "*" and no member account has sent a finding yet')];
  const { sts, clock, settings } = input;
  const members = new MemberCredentials({ sts: () => sts, roleName: settings.memberRoleName, clock });
  return Promise.all(accounts.map((account) => checkMember(input, members, account)));
}

export { checkMembers };
