import type { FindingCriteria, SortCriteria } from '@aws-sdk/client-macie2';
import { type Criterion, sensitiveDataCriterion } from '../../core/finding/sensitive-data-criterion';
import type { FindingFilters } from './finding-filters';

/**
 * Macie `findingCriteria` for the filters: values of one flag are ORed (`eq`), flags are ANDed,
 * dates are epoch milliseconds (`since` inclusive, `until` exclusive). Only sensitive-data findings,
 * and no archived (suppressed) ones unless asked. `--status` is the ledger's and is applied after.
 */
function buildFindingCriteria(filters: FindingFilters): FindingCriteria {
  const criterion: Criterion = sensitiveDataCriterion({ includeArchived: filters.includeArchived });
  if (filters.types.length > 0) criterion.type = { eq: [...filters.types] };
  if (filters.severities.length > 0) criterion['severity.description'] = { eq: [...filters.severities] };
  if (filters.buckets.length > 0) criterion['resourcesAffected.s3Bucket.name'] = { eq: [...filters.buckets] };
  if (filters.accounts.length > 0) criterion.accountId = { eq: [...filters.accounts] };
  if (filters.since || filters.until) {
    criterion.createdAt = {
      ...(filters.since ? { gte: filters.since.getTime() } : {}),
      ...(filters.until ? { lt: filters.until.getTime() } : {}),
    };
  }
  return { criterion };
}

/** Oldest first: a stable order to page through, and the order a backfill resumes in. */
const OLDEST_FIRST: SortCriteria = { attributeName: 'createdAt', orderBy: 'ASC' };
const NEWEST_FIRST: SortCriteria = { attributeName: 'createdAt', orderBy: 'DESC' };

export { buildFindingCriteria, NEWEST_FIRST, OLDEST_FIRST };
