/** What MacieSuppressions takes from @aws-sdk/client-macie2 (sdk-on-first-use.ts). */
export {
  CreateFindingsFilterCommand,
  DeleteFindingsFilterCommand,
  GetFindingsFilterCommand,
  Macie2Client,
  paginateListFindingsFilters,
} from '@aws-sdk/client-macie2';
