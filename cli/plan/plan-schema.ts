import { z } from 'zod';
import { findingIdProblem } from '../../core/finding/finding-id';
import { REMEDIATION_ACTIONS } from '../../core/policy/remediation-action';
import { OUTCOMES } from '../../core/types/outcome';

const text = z.string().min(1);
/** A plan file is input like any other: its ids pass the same rule before any ledger read. */
const findingId = z.string().refine((id) => findingIdProblem(id) === undefined, {
  error: (issue) => findingIdProblem(String(issue.input)),
});
const location = z.object({ bucket: text, key: text, versionId: text.optional() });
const place = z.object({ bucket: text, key: text });

/** What the finding was when planned, for the plan's reader and the confirmation table. */
const findingFields = { findingId, type: text, severity: text };

/** How an item is remediated, or was (plans made before there were other actions: QUARANTINE). */
const action = z.enum(REMEDIATION_ACTIONS).optional();

/** The item finishes a move or restore a killed run started: the engine, not the plan, judges the object. */
const resume = z.literal(true).optional();

/**
 * One object to quarantine, exactly as HeadObject reported it when the plan was made (for a `resume`
 * whose source is already gone: as the finding saw it).
 */
const remediateItem = z.object({
  ...findingFields,
  resume,
  decision: z.enum(['AUTO', 'REVIEW', 'IGNORE']),
  action,
  object: location.extend({ size: z.number().int().nonnegative(), eTag: text }),
  target: place,
});

/** One remediation to undo: a quarantined copy put back where it was found, a seal or a tag taken off in place. */
const restoreItem = z.object({
  ...findingFields,
  resume,
  action,
  /** Where the object is now: its quarantined copy, or (sealed, tagged) the object itself. */
  object: place,
  target: location,
});

/** A finding the plan leaves alone, with the outcome a run would report for it. */
const skippedItem = z.object({
  findingId,
  outcome: z.enum(OUTCOMES),
  source: z.object({ bucket: z.string(), key: z.string(), versionId: text.optional() }),
  quarantine: place.optional(),
  reason: z.string().optional(),
});

const header = {
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  createdBy: text,
  /** The quarantine bucket the plan was made for: applying it against another stack is refused. */
  quarantineBucket: text,
  /** Made with --force (objects changed since the scan; restores over an object now at the original place). */
  force: z.boolean(),
  skipped: z.array(skippedItem),
};

/**
 * A plan file (`remediate --plan`, `restore --plan`): the exact objects a run will touch, written
 * without changing anything; `apply` carries it out unchanged.
 */
const planSchema = z.discriminatedUnion('kind', [
  z.object({ ...header, kind: z.literal('remediate'), items: z.array(remediateItem) }),
  z.object({ ...header, kind: z.literal('restore'), items: z.array(restoreItem) }),
]);

type Plan = z.infer<typeof planSchema>;
type RemediatePlan = Extract<Plan, { kind: 'remediate' }>;
type RestorePlan = Extract<Plan, { kind: 'restore' }>;
type RemediatePlanItem = RemediatePlan['items'][number];
type RestorePlanItem = RestorePlan['items'][number];

export type { Plan, RemediatePlan, RemediatePlanItem, RestorePlan, RestorePlanItem };
export { planSchema };
