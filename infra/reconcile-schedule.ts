import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/**
 * Starts the reconciler on `reconcileSchedule` (an EventBridge schedule expression, validated by core/config).
 * No EventBridge retries: a failed run needs none, the next one resumes from the watermark.
 */
function addReconcileSchedule(scope: Construct, reconciler: IFunction, expression: string): Rule {
  const rule = new Rule(scope, 'ReconcileSchedule', {
    description: 'macie-remediate: reconcile Macie findings and owed deliveries (reconcileSchedule)',
    schedule: Schedule.expression(expression),
  });
  rule.addTarget(new LambdaFunction(reconciler, { retryAttempts: 0 }));
  return rule;
}

export { addReconcileSchedule };
