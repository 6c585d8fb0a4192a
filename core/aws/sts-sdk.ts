/** What MemberCredentials and callerAccount take from @aws-sdk/client-sts (sdk-on-first-use.ts). */
export { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
