/**
 * What the remediator's dispatcher takes from @aws-sdk/client-lambda, required at the first job
 * (lambdaClientOnFirstUse, LambdaDispatcher) rather than imported: a handler loads it only when it hands a job off.
 */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
