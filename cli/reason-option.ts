import { InvalidInputError } from '../core/errors';
import type { LegalHoldKind, StartableAction } from '../core/ledger/finding-state';
import { checkReason } from '../core/remediation/action-reason';
import type { CommandContext } from './context';

/** How every command that acts declares `--reason`. */
const REASON_FLAG = ['--reason <text>', "why (kept in the finding's history, Slack and Security Hub)"] as const;

/**
 * `--reason`, checked against `reasonRequired` before anything is read or changed.
 * @throws InvalidInputError `USAGE` when the action needs a reason and none (or a blank one) was given, or it is too long.
 */
function reasonOption(
  ctx: CommandContext,
  action: StartableAction | LegalHoldKind,
  given: string | undefined,
): string | undefined {
  const check = checkReason(ctx.settings().reasonRequired, action, given);
  if (!check.ok) throw new InvalidInputError('USAGE', `--reason: ${check.problem}`);
  return check.reason;
}

export { REASON_FLAG, reasonOption };
