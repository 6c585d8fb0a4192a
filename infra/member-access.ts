import { Aws } from 'aws-cdk-lib';
import { AccountPrincipal, AnyPrincipal, type IPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ALL_ACCOUNTS } from '../core/policy/account-scope';
import type { StackConfig } from './stack-config';

/**
 * What a member role does on the central quarantine, exactly: copy in with tags (CopyObject, or
 * CreateMultipartUpload/UploadPartCopy/Complete, all s3:PutObject, and AbortMultipartUpload when a part
 * copy fails) and read the copy back on restore (the copy source of a CopyObject or UploadPartCopy).
 * No listing and no delete: the stack's own remediator lists, locates and removes quarantined copies.
 */
const MEMBER_QUARANTINE_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:GetObject',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionTagging',
  's3:PutObject',
  's3:PutObjectTagging',
];
/** Encrypting a copy under the quarantine key, and decrypting it to copy it back. */
const MEMBER_QUARANTINE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * The member roles as the admin stack's resource policies name them. Listed accounts give exact role
 * ARNs; `["*"]` gives any account's role of that name, bounded by the organization (synth refuses `["*"]`
 * without one). Empty: no member roles, and the stack grants nothing beyond its own account.
 */
class MemberRoles {
  readonly roleArns: readonly string[];

  private constructor(
    private readonly config: Pick<StackConfig, 'memberAccounts' | 'memberRoleName' | 'organizationId'>,
  ) {
    const { memberAccounts, memberRoleName } = config;
    const accounts = this.orgWide ? [ALL_ACCOUNTS] : memberAccounts;
    this.roleArns = accounts.map((account) => `arn:${Aws.PARTITION}:iam::${account}:role/${memberRoleName}`);
  }

  static of(
    config: Pick<StackConfig, 'memberAccounts' | 'memberRoleName' | 'organizationId'>,
  ): MemberRoles | undefined {
    return config.memberAccounts.length === 0 ? undefined : new MemberRoles(config);
  }

  get orgWide(): boolean {
    return this.config.memberAccounts.includes(ALL_ACCOUNTS);
  }

  private get orgCondition(): Record<string, Record<string, unknown>> {
    const { organizationId } = this.config;
    return organizationId ? { StringEquals: { 'aws:PrincipalOrgID': organizationId } } : {};
  }

  /**
   * The principal and conditions of a resource-policy statement that admits the member roles. Explicit
   * roles are named by their accounts plus `aws:PrincipalArn`: a role ARN as principal must exist when the
   * policy is set, and the member roles are created after this stack.
   */
  admission(): { principals: IPrincipal[]; conditions: Record<string, Record<string, unknown>> } {
    if (this.orgWide)
      return {
        principals: [new AnyPrincipal()],
        conditions: { ...this.orgCondition, ArnLike: { 'aws:PrincipalArn': this.roleArns } },
      };
    return {
      principals: this.config.memberAccounts.map((account) => new AccountPrincipal(account)),
      conditions: { ...this.orgCondition, ArnEquals: { 'aws:PrincipalArn': this.roleArns } },
    };
  }

  /** The remediator's right to act as each member role; with `["*"]` only on roles of its organization. */
  assumeStatement(): PolicyStatement {
    const { organizationId } = this.config;
    return new PolicyStatement({
      sid: 'AssumeMemberRoles',
      actions: ['sts:AssumeRole'],
      resources: [...this.roleArns],
      conditions:
        this.orgWide && organizationId ? { StringEquals: { 'aws:ResourceOrgID': organizationId } } : undefined,
    });
  }

  /**
   * The finding handler's right to name the member accounts in Slack (Organizations DescribeAccount). Its only
   * resource type is the account ARN, `arn:…:organizations::<management account>:account/<org>/<account>`: the
   * management account is not known here (`*`), the organization is when set, and the accounts when listed.
   */
  describeAccountsStatement(): PolicyStatement {
    const organization = this.config.organizationId ?? 'o-*';
    const accounts = this.orgWide ? [ALL_ACCOUNTS] : this.config.memberAccounts;
    return new PolicyStatement({
      sid: 'DescribeMemberAccounts',
      actions: ['organizations:DescribeAccount'],
      resources: accounts.map((account) => `arn:${Aws.PARTITION}:organizations::*:account/${organization}/${account}`),
    });
  }
}

export { MEMBER_QUARANTINE_ACTIONS, MEMBER_QUARANTINE_KEY_ACTIONS, MemberRoles };
