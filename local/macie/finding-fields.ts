/** Filter fields that Macie names without their `classificationDetails.result.` prefix. */
const RESULT_FIELDS = new Set(['sensitiveData', 'customDataIdentifiers']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/** Splits a filter/sort field name into the path inside the finding JSON. */
function fieldPath(field: string): readonly string[] {
  const parts = field.split('.');
  const first = parts[0] ?? '';
  return RESULT_FIELDS.has(first) ? ['classificationDetails', 'result', ...parts] : parts;
}

/**
 * Every value at `path`, descending into arrays on the way (so `sensitiveData.category` yields one value per
 * sensitiveData item). Nulls and absent members yield nothing.
 */
function fieldValues(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const part of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      const child = (value as Record<string, unknown>)[part];
      if (Array.isArray(child)) next.push(...child.filter((item) => item !== null && item !== undefined));
      else if (child !== null && child !== undefined) next.push(child);
    }
    current = next;
  }
  return current;
}

/** The strings an `eq`/`neq` value is compared with: booleans as "true"/"false", dates also as epoch ms. */
function comparableStrings(value: unknown): string[] {
  if (typeof value === 'string') {
    return ISO_DATE.test(value) ? [value, String(Date.parse(value))] : [value];
  }
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

/** The number a `gt`/`lt`/sort compares: numbers as they are, ISO dates as epoch milliseconds. */
function comparableNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export { comparableNumber, comparableStrings, fieldPath, fieldValues };
