/** What SecurityHubFindings takes from @aws-sdk/client-securityhub (sdk-on-first-use.ts). */
export { BatchUpdateFindingsCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
