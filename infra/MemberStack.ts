import {
  Aws,
  BootstraplessSynthesizer,
  CfnCondition,
  CfnOutput,
  Fn,
  type ICfnConditionExpression,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import {
  ArnPrincipal,
  type CfnPolicy,
  CompositePrincipal,
  type IPrincipal,
  Policy,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { MEMBER_QUARANTINE_ACTIONS } from './member-access';
import { acknowledgeMemberNagFindings } from './nag-suppressions';
import { KMS_OBJECT_ACTIONS, sourceBucketAccess, sourceKeyAccess } from './permissions';
import type { StackConfig } from './stack-config';

/** What a member stack needs from the deployed admin stack (its outputs). */
interface AdminStackRefs {
  readonly remediatorRoleArn: string;
  readonly quarantineBucketName: string;
  /** The full key ARN: an alias would resolve in the member's account. */
  readonly quarantineKeyArn: string;
}

interface MemberStackProps extends StackProps {
  readonly config: Pick<
    StackConfig,
    'memberRoleName' | 'operatorPrincipals' | 'sourceBuckets' | 'accountPolicies' | 'forwardRegions'
  >;
  readonly admin: AdminStackRefs;
}

/** CloudFormation's Fn::Or takes 2 to 10 conditions. */
function anyOf(conditions: readonly ICfnConditionExpression[]): ICfnConditionExpression {
  if (conditions.length === 1) return conditions[0] as ICfnConditionExpression;
  const groups: ICfnConditionExpression[] = [];
  for (let i = 0; i < conditions.length; i += 10) {
    const group = conditions.slice(i, i + 10);
    groups.push(group.length === 1 ? (group[0] as ICfnConditionExpression) : Fn.conditionOr(...group));
  }
  return groups.length === 1 ? (groups[0] as ICfnConditionExpression) : anyOf(groups);
}

/**
 * The role the admin stack's remediator assumes in a member account, and nothing else. One template for
 * every account (a StackSet deploys it unchanged): an account with its own `accountPolicies` source buckets
 * gets them through a CloudFormation condition on its account id, every other account the global ones.
 * No bootstrap: it has no assets, so accounts a StackSet reaches need no `cdk bootstrap`.
 */
class MemberStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: MemberStackProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false, ...props });
    const { config, admin } = props;
    const trusted: IPrincipal[] = [admin.remediatorRoleArn, ...config.operatorPrincipals].map(
      (arn) => new ArnPrincipal(arn),
    );
    this.role = new Role(this, 'Role', {
      roleName: config.memberRoleName,
      description: 'macie-remediate: quarantines and restores the objects of this account for the Macie administrator',
      assumedBy: new CompositePrincipal(...trusted),
    });

    // The key's Region is the home Region (the ARN's fourth field), where copies are written.
    const home = admin.quarantineKeyArn.split(':')[3] as string;
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'QuarantineObjects',
        actions: MEMBER_QUARANTINE_ACTIONS,
        resources: [`arn:${Aws.PARTITION}:s3:::${admin.quarantineBucketName}/*`],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ sid: 'QuarantineKey', actions: KMS_OBJECT_ACTIONS, resources: [admin.quarantineKeyArn] }),
    );
    // Source buckets may sit in any Region whose findings reach the home Region.
    this.role.addToPolicy(sourceKeyAccess([...new Set([home, ...config.forwardRegions])]));
    this.addSourceAccess(config);

    new CfnOutput(this, 'MemberRoleArn', {
      value: this.role.roleArn,
      description: 'Role the macie-remediate administrator assumes in this account',
    });
    acknowledgeMemberNagFindings(this, config, admin.quarantineBucketName);
  }

  /** The in-scope buckets: the account's own `accountPolicies` list where it has one, else `sourceBuckets`. */
  private addSourceAccess(config: MemberStackProps['config']): void {
    const overrides = Object.entries(config.accountPolicies).flatMap(([account, policy]) =>
      policy.sourceBuckets && policy.sourceBuckets.length > 0 ? [[account, policy.sourceBuckets] as const] : [],
    );
    const inAccount = overrides.map(
      ([account]) =>
        new CfnCondition(this, `InAccount${account}`, { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, account) }),
    );
    const attach = (id: string, buckets: readonly string[], condition?: ICfnConditionExpression) => {
      const policy = new Policy(this, id, { statements: sourceBucketAccess(this, buckets), roles: [this.role] });
      if (condition)
        (policy.node.defaultChild as CfnPolicy).cfnOptions.condition =
          condition instanceof CfnCondition
            ? condition
            : new CfnCondition(this, `${id}Applies`, { expression: condition });
    };
    overrides.forEach(([account, buckets], i) => {
      attach(`SourceBuckets${account}`, buckets, inAccount[i]);
    });
    attach('SourceBuckets', config.sourceBuckets, inAccount.length > 0 ? Fn.conditionNot(anyOf(inAccount)) : undefined);
  }
}

export type { AdminStackRefs, MemberStackProps };
export { MemberStack };
