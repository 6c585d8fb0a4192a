/** What LambdaDispatcher takes from @aws-sdk/client-lambda (sdk-on-first-use.ts). */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
