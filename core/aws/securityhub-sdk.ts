/** What SecurityHubFindings takes from @aws-sdk/client-securityhub (sdk-on-first-use.ts). */
export { BatchUpdateFindingsCommand, paginateGetFindings, SecurityHubClient } from '@aws-sdk/client-securityhub';
