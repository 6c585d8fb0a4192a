import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Macie's event for a sensitive-data finding; policy findings have no object to move. */
const FINDING_EVENT_PATTERN = {
  source: ['aws.macie'],
  detailType: ['Macie Finding'],
  detail: { type: [{ prefix: 'SensitiveData' }] },
};

interface FindingRuleProps {
  readonly handler: IFunction;
  readonly deadLetterQueue: IQueue;
}

/** Routes sensitive-data findings to the finding handler, retrying and then parking what fails. */
class FindingRule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: FindingRuleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'macie-remediate: Macie sensitive-data findings to the finding handler',
      eventPattern: FINDING_EVENT_PATTERN,
    });
    this.rule.addTarget(
      new LambdaFunction(props.handler, {
        retryAttempts: 8,
        maxEventAge: Duration.hours(24),
        deadLetterQueue: props.deadLetterQueue,
      }),
    );
  }
}

export type { FindingRuleProps };
export { FINDING_EVENT_PATTERN, FindingRule };
