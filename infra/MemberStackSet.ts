import { App, Aws, BootstraplessSynthesizer, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import type { Construct } from 'constructs';
import { MemberStack, type MemberStackProps } from './MemberStack';

interface MemberStackSetProps extends StackProps {
  readonly member: Pick<MemberStackProps, 'config' | 'admin'>;
  /** Organizational unit or root ids (`ou-…`, `r-…`) whose accounts get the member stack. */
  readonly organizationalUnitIds: readonly string[];
}

/** The member stack's template, synthesized on its own: a StackSet carries a template, not a CDK stack. */
function memberTemplateBody(member: MemberStackSetProps['member']): string {
  const app = new App({ analyticsReporting: false });
  const stack = new MemberStack(app, 'Member', member);
  return JSON.stringify(app.synth().getStackArtifact(stack.artifactId).template);
}

/**
 * A service-managed StackSet, created by the Macie administrator as the organization's delegated StackSet
 * administrator, that keeps the member stack in every account of the target OUs, accounts that join later
 * included. A stack of its own so that deploying the admin stack never touches it. StackSets never reach
 * the management account: its member stack is deployed there directly.
 */
class MemberStackSet extends Stack {
  readonly stackSet: CfnStackSet;

  constructor(scope: Construct, id: string, props: MemberStackSetProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });
    this.stackSet = new CfnStackSet(this, 'StackSet', {
      stackSetName: id,
      description: 'macie-remediate: the member role in every account of the target OUs',
      permissionModel: 'SERVICE_MANAGED',
      callAs: 'DELEGATED_ADMIN',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: [...props.organizationalUnitIds] },
          // IAM is global: one stack instance per account, in the Region of this stack (the home Region).
          regions: [Aws.REGION],
        },
      ],
      templateBody: memberTemplateBody(props.member),
    });
  }
}

export type { MemberStackSetProps };
export { MemberStackSet };
