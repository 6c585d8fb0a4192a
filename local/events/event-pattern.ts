/**
 * An EventBridge event pattern, the subset the local bus needs: per field an array of allowed literal values
 * or matchers (`{ prefix }`, `{ exists }`), and nested objects for nested fields.
 */
type PatternValue = string | number | boolean | null | { readonly prefix: string } | { readonly exists: boolean };

interface EventPattern {
  readonly [field: string]: readonly PatternValue[] | EventPattern;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesValue(allowed: PatternValue, value: unknown): boolean {
  if (allowed !== null && typeof allowed === 'object') {
    if ('prefix' in allowed) return typeof value === 'string' && value.startsWith(allowed.prefix);
    return allowed.exists === (value !== undefined);
  }
  return value === allowed;
}

/** EventBridge semantics: every field of the pattern must match; an array value matches if any element does. */
function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const fields = isRecord(event) ? event : {};
  return Object.entries(pattern).every(([field, rule]) => {
    const value = fields[field];
    if (!Array.isArray(rule)) return isRecord(value) && matchesPattern(rule as EventPattern, value);
    const candidates: readonly unknown[] = Array.isArray(value) ? value : [value];
    return (rule as readonly PatternValue[]).some((allowed) =>
      typeof allowed === 'object' && allowed !== null && 'exists' in allowed
        ? matchesValue(allowed, value)
        : candidates.some((candidate) => matchesValue(allowed, candidate)),
    );
  });
}

export type { EventPattern, PatternValue };
export { matchesPattern };
