import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors';
import { formatIssue } from '../../core/finding/format-issue';

/** Where a backfill checkpoint goes unless `--checkpoint` says otherwise: the current directory. */
const DEFAULT_CHECKPOINT = '.macie-remediate-backfill.json';

/**
 * How far an interrupted backfill got: the Macie query (absolute dates, so resuming a `--since 90d`
 * run tomorrow continues the same query) and the token of the first page not yet fully done.
 */
const checkpointSchema = z.object({
  version: z.literal(1),
  /** The ListFindings criteria and sort, exactly as sent. */
  criteria: z.record(z.string(), z.unknown()),
  sort: z.object({ attributeName: z.string(), orderBy: z.enum(['ASC', 'DESC']) }),
  nextToken: z.string().min(1),
  pagesDone: z.number().int().nonnegative(),
  findingsDone: z.number().int().nonnegative(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

type Checkpoint = z.infer<typeof checkpointSchema>;

/**
 * The checkpoint at `path`, if there is one.
 * @throws InvalidInputError `USAGE` for a file that is not a checkpoint (naming the field).
 */
function readCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InvalidInputError(
      'USAGE',
      `checkpoint ${path} is not JSON (${(err as Error).message}); --restart starts over`,
    );
  }
  const parsed = checkpointSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const why = issue ? formatIssue(issue, { subject: 'the checkpoint' }) : 'is not a checkpoint';
  throw new InvalidInputError('USAGE', `checkpoint ${path}: ${why}; --restart starts over`);
}

/** Written beside, then renamed over: a crash mid-write leaves the previous checkpoint whole. */
function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(temporary, path);
}

function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

export type { Checkpoint };
export { DEFAULT_CHECKPOINT, readCheckpoint, removeCheckpoint, writeCheckpoint };
