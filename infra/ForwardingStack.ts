import { Aws, BootstraplessSynthesizer, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { FINDING_EVENT_PATTERN } from './FindingRule';

interface ForwardingStackProps extends StackProps {
  /** Where the admin stack runs; this stack's own Region comes from `env.region`. */
  readonly homeRegion: string;
}

/**
 * Macie is regional: in each other Region a rule sends the same sensitive-data findings to the home
 * Region's default bus, where the admin stack's rule picks them up (forwarded events are not forwarded
 * again). No assets, so no bootstrap needed in these Regions.
 */
class ForwardingStack extends Stack {
  readonly rule: Rule;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ForwardingStackProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });
    const homeBus = EventBus.fromEventBusArn(
      this,
      'HomeBus',
      `arn:${Aws.PARTITION}:events:${props.homeRegion}:${Aws.ACCOUNT_ID}:event-bus/default`,
    );
    // The target adds events:PutEvents on the home bus, and nothing else, to this role.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: `macie-remediate: forwards Macie findings to ${props.homeRegion}`,
    });
    this.rule = new Rule(this, 'Rule', {
      description: `macie-remediate: Macie sensitive-data findings to the default bus of ${props.homeRegion}`,
      eventPattern: FINDING_EVENT_PATTERN,
      targets: [new EventBusTarget(homeBus, { role: this.role })],
    });
  }
}

export type { ForwardingStackProps };
export { ForwardingStack };
