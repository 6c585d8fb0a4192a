import { comparableNumber, comparableStrings, fieldPath, fieldValues } from './finding-fields';
import { MacieApiError } from './macie-errors';
import type { CriterionCondition, FindingCriteria } from './macie-inputs';
import type { MacieFindingJson } from './types';

type FindingPredicate = (finding: MacieFindingJson) => boolean;

/** The only fields Macie accepts `eqExactMatch` on. */
const EXACT_MATCH_FIELDS = new Set([
  'customDataIdentifiers.detections.arn',
  'customDataIdentifiers.detections.name',
  'resourcesAffected.s3Bucket.tags.key',
  'resourcesAffected.s3Bucket.tags.value',
  'resourcesAffected.s3Object.tags.key',
  'resourcesAffected.s3Object.tags.value',
  'sensitiveData.category',
  'sensitiveData.detections.type',
]);

function compileCondition(field: string, condition: CriterionCondition): FindingPredicate {
  if (condition.eqExactMatch && !EXACT_MATCH_FIELDS.has(field)) {
    throw new MacieApiError('ValidationException', `eqExactMatch isn't supported for the field ${field}.`);
  }
  const path = fieldPath(field);
  const { eq, neq, eqExactMatch, gt, gte, lt, lte } = condition;
  const hasRange = gt !== undefined || gte !== undefined || lt !== undefined || lte !== undefined;
  const inRange = (n: number): boolean =>
    (gt === undefined || n > gt) &&
    (gte === undefined || n >= gte) &&
    (lt === undefined || n < lt) &&
    (lte === undefined || n <= lte);

  return (finding) => {
    const found = fieldValues(finding, path);
    const strings = found.flatMap(comparableStrings);
    // eq: any value matches any listed value (values are ORed).
    if (eq && !eq.some((wanted) => strings.includes(wanted))) return false;
    if (neq?.some((unwanted) => strings.includes(unwanted))) return false;
    // eqExactMatch: all of these and only these.
    if (eqExactMatch) {
      const actual = new Set(found.flatMap((value) => comparableStrings(value).slice(0, 1)));
      const wanted = new Set(eqExactMatch);
      if (actual.size !== wanted.size || [...wanted].some((value) => !actual.has(value))) return false;
    }
    if (hasRange) {
      const numbers = found.map(comparableNumber).filter((n): n is number => n !== undefined);
      if (!numbers.some(inRange)) return false;
    }
    return true;
  };
}

/** Compiles `findingCriteria` once into a predicate; conditions on different fields are ANDed. */
function compileCriteria(criteria: FindingCriteria | undefined): FindingPredicate {
  const predicates = Object.entries(criteria?.criterion ?? {}).map(([field, condition]) =>
    compileCondition(field, condition),
  );
  return (finding) => predicates.every((predicate) => predicate(finding));
}

export type { FindingPredicate };
export { compileCriteria };
