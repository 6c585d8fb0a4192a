import type { LegalHoldKind, StartableAction } from '../ledger/finding-state';

/** The actions `reasonRequired` may name: everything a person starts. */
const REASONED_ACTIONS = ['remediate', 'dismiss', 'restore'] as const satisfies readonly StartableAction[];

/** Leaving data in place or putting it back is what an auditor asks about first. */
const DEFAULT_REASON_REQUIRED: readonly StartableAction[] = ['dismiss', 'restore'];

/** A sentence or two and a ticket link; Security Hub's note keeps the first 512 characters of the whole note. */
const MAX_REASON_LENGTH = 1000;

/** A reason as given: kept (trimmed), none, or what is wrong with it (nothing may change then). */
type ReasonCheck = { readonly ok: true; readonly reason?: string } | { readonly ok: false; readonly problem: string };

/**
 * A legal hold's reason is never required (`reasonRequired` cannot name it), only checked when given; an
 * exemption's always is: it lets known sensitive data stay, now and at every later scan.
 */
const needsReason = (required: readonly StartableAction[], action: StartableAction | LegalHoldKind): boolean =>
  action === 'exempt' || required.some((named) => named === action);

/**
 * The one rule every door asks before acting: a blank reason is none, and an action `reasonRequired`
 * names cannot start without one.
 */
function checkReason(
  required: readonly StartableAction[],
  action: StartableAction | LegalHoldKind,
  given: string | undefined,
): ReasonCheck {
  const reason = given?.trim() ?? '';
  if (reason.length > MAX_REASON_LENGTH) {
    return { ok: false, problem: `the reason is ${reason.length} characters; at most ${MAX_REASON_LENGTH}` };
  }
  if (reason !== '') return { ok: true, reason };
  if (needsReason(required, action))
    return { ok: false, problem: `a reason is required to ${action} (reasonRequired)` };
  return { ok: true };
}

export type { ReasonCheck };
export { checkReason, DEFAULT_REASON_REQUIRED, MAX_REASON_LENGTH, needsReason, REASONED_ACTIONS };
