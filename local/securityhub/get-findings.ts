import type { AsffFinding } from './asff';
import { SecurityHubApiError } from './securityhub-errors';

/** The filter fields the stand-in understands, and the values of a finding each one compares. */
const FIELDS: Readonly<Record<string, (finding: AsffFinding) => readonly (string | undefined)[]>> = {
  Id: (f) => [f.Id],
  ProductArn: (f) => [f.ProductArn],
  ProductName: (f) => [f.ProductName],
  CompanyName: (f) => [f.CompanyName],
  AwsAccountId: (f) => [f.AwsAccountId],
  GeneratorId: (f) => [f.GeneratorId],
  Region: (f) => [f.Region],
  Title: (f) => [f.Title],
  Type: (f) => f.Types,
  SeverityLabel: (f) => [f.Severity.Label],
  ResourceId: (f) => f.Resources.map((r) => r.Id),
  ResourceType: (f) => f.Resources.map((r) => r.Type),
  WorkflowStatus: (f) => [f.Workflow.Status],
  RecordState: (f) => [f.RecordState],
};

type Comparison = 'EQUALS' | 'PREFIX' | 'NOT_EQUALS' | 'PREFIX_NOT_EQUALS' | 'CONTAINS' | 'NOT_CONTAINS';

const TESTS: Readonly<Record<Comparison, (value: string, wanted: string) => boolean>> = {
  EQUALS: (value, wanted) => value === wanted,
  PREFIX: (value, wanted) => value.startsWith(wanted),
  CONTAINS: (value, wanted) => value.includes(wanted),
  NOT_EQUALS: (value, wanted) => value !== wanted,
  PREFIX_NOT_EQUALS: (value, wanted) => !value.startsWith(wanted),
  NOT_CONTAINS: (value, wanted) => !value.includes(wanted),
};

const isNegative = (comparison: Comparison): boolean => comparison.startsWith('NOT') || comparison.includes('_NOT_');

interface StringFilter {
  readonly value: string;
  readonly comparison: Comparison;
}

const invalid = (message: string) => new SecurityHubApiError('InvalidInputException', message);

function stringFilters(field: string, given: unknown): StringFilter[] {
  if (!Array.isArray(given)) throw invalid(`Filters.${field} must be a list of string filters.`);
  return given.map((filter: { Value?: unknown; Comparison?: unknown }) => {
    if (typeof filter?.Value !== 'string' || !(String(filter.Comparison) in TESTS)) {
      throw invalid(`Filters.${field} needs a Value and a Comparison (${Object.keys(TESTS).join(', ')}).`);
    }
    return { value: filter.Value, comparison: filter.Comparison as Comparison };
  });
}

/**
 * One field's filters, as Security Hub combines them: positive comparisons (EQUALS, PREFIX, CONTAINS) match
 * when any of them matches any of the finding's values, negative ones must all hold.
 */
function fieldMatches(values: readonly (string | undefined)[], filters: readonly StringFilter[]): boolean {
  const present = values.filter((v): v is string => v !== undefined);
  const positive = filters.filter((f) => !isNegative(f.comparison));
  const negative = filters.filter((f) => isNegative(f.comparison));
  const anyPositive =
    positive.length === 0 || positive.some((f) => present.some((v) => TESTS[f.comparison](v, f.value)));
  return anyPositive && negative.every((f) => present.every((v) => TESTS[f.comparison](v, f.value)));
}

/** The request's Filters as one predicate; a field the stand-in does not know is refused, not ignored. */
function matcher(filters: unknown): (finding: AsffFinding) => boolean {
  if (filters === undefined) return () => true;
  if (typeof filters !== 'object' || filters === null) throw invalid('Filters must be an object.');
  const parsed = Object.entries(filters).map(([field, given]) => {
    const read = FIELDS[field];
    if (!read) throw invalid(`The Security Hub stand-in does not filter on ${field}.`);
    return { read, filters: stringFilters(field, given) };
  });
  return (finding) => parsed.every(({ read, filters: list }) => fieldMatches(read(finding), list));
}

const encodeToken = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64');

function decodeToken(token: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown };
    if (Number.isInteger(o) && (o as number) >= 0) return o as number;
  } catch {
    // falls through to the error
  }
  throw invalid('The NextToken is invalid.');
}

/** GetFindings (POST /findings): Filters, MaxResults 1–100 (default 100), NextToken. */
function getFindings(findings: readonly AsffFinding[], body: unknown): unknown {
  const { Filters, MaxResults, NextToken } = (body ?? {}) as Record<string, unknown>;
  const size = MaxResults ?? 100;
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 100) {
    throw invalid('MaxResults must be an integer from 1 to 100.');
  }
  const start = typeof NextToken === 'string' && NextToken !== '' ? decodeToken(NextToken) : 0;
  const matching = findings.filter(matcher(Filters));
  const end = start + (size as number);
  return {
    Findings: matching.slice(start, end),
    ...(end < matching.length ? { NextToken: encodeToken(end) } : {}),
  };
}

export { getFindings };
