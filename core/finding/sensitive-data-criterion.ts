import type { CriterionAdditionalProperties } from '@aws-sdk/client-macie2';

type Criterion = Record<string, CriterionAdditionalProperties>;

/**
 * The part of every Macie query this tool makes: sensitive-data findings only (policy findings name no
 * object to move), and no archived (suppressed) ones unless asked.
 */
function sensitiveDataCriterion(options: { readonly includeArchived?: boolean } = {}): Criterion {
  return {
    category: { eq: ['CLASSIFICATION'] },
    ...(options.includeArchived ? {} : { archived: { eq: ['false'] } }),
  };
}

export type { Criterion };
export { sensitiveDataCriterion };
