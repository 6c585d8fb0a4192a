import type { z } from 'zod/mini';

/** `['a', 'b', 0, 'c']` → `a.b[0].c`, under an optional root (`detail`). */
function issuePath(path: readonly PropertyKey[], root?: string): string {
  let out = root ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === 'object') return 'an object';
  return `${typeof input} ${String(input)}`;
}

/**
 * One zod issue as one sentence naming the field by its JSON path, e.g.
 * `detail.resourcesAffected.s3Object.key is missing`. Parse with `reportInput: true` so the
 * received value can be named.
 */
function formatIssue(issue: z.core.$ZodIssue, options: { root?: string; subject: string }): string {
  const path = issuePath(issue.path, options.root) || options.subject;
  if (issue.code === 'custom') return `${path} ${issue.message}`;
  if (issue.input === undefined) return `${path} is missing`;
  if (issue.code === 'invalid_type')
    return `${path} must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected} (got ${describeInput(issue.input)})`;
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v));
    const expected = allowed.length === 1 ? allowed.join('') : `one of ${allowed.join(', ')}`;
    return `${path} must be ${expected} (got ${describeInput(issue.input)})`;
  }
  return `${path} ${issue.message} (got ${describeInput(issue.input)})`;
}

export { formatIssue, issuePath };
