import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../core/errors';
import { formatIssue, issuePath } from '../../core/finding/format-issue';
import { type Plan, planSchema } from './plan-schema';

/** Writes the plan next to its final name, then renames: a reader never sees half a plan. */
function writePlan(cwd: string, path: string, plan: Plan): string {
  const target = resolve(cwd, path);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(plan, null, 2)}\n`);
  renameSync(temporary, target);
  return target;
}

/**
 * Reads and validates a plan file.
 * @throws InvalidInputError `PLAN_INVALID` naming the file and the first wrong field.
 */
function readPlan(cwd: string, path: string): Plan {
  const target = resolve(cwd, path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(target, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InvalidInputError('PLAN_INVALID', `plan ${path}: ${why}`, { field: path });
  }
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (kind !== 'remediate' && kind !== 'restore') {
    // zod's discriminated union names the whole object here; the reader needs the field.
    throw new InvalidInputError(
      'PLAN_INVALID',
      `plan ${path}: kind must be "remediate" or "restore" (got ${JSON.stringify(kind) ?? 'nothing'})`,
      {
        field: 'kind',
      },
    );
  }
  const result = planSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const message = issue ? formatIssue(issue, { subject: 'the plan' }) : 'is not a plan';
  throw new InvalidInputError('PLAN_INVALID', `plan ${path}: ${message}`, {
    field: issue ? issuePath(issue.path) : path,
  });
}

export { readPlan, writePlan };
