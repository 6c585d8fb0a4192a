import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

interface ReconcileScheduleProps {
  readonly reconciler: IFunction;
  /** An EventBridge schedule expression (`reconcileSchedule`, validated by core/config). */
  readonly expression: string;
}

/** Starts the reconciler on `reconcileSchedule`; a failed run needs no retry: the next one resumes from the watermark. */
class ReconcileSchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ReconcileScheduleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'macie-remediate: reconcile Macie findings and owed deliveries (reconcileSchedule)',
      schedule: Schedule.expression(props.expression),
    });
    this.rule.addTarget(new LambdaFunction(props.reconciler, { retryAttempts: 0 }));
  }
}

export type { ReconcileScheduleProps };
export { ReconcileSchedule };
