import type { SlackMessage } from '../../types/ports';
import { composeMessage } from './compose-message';
import { type MessageSubject, toFindingView } from './finding-view';
import { formatActor } from './format-actor';
import { formatTime } from './format-time';

interface ProgressMessageInput {
  readonly finding: MessageSubject;
  /** `slack:U123`, `auto` or `cli:<user>`. */
  readonly actor: string;
  /** ISO-8601. */
  readonly at: string;
  readonly action: 'remediate' | 'restore';
}

/** Shown the moment someone clicks: no buttons, so nobody clicks twice while the move runs. */
function buildProgressMessage(input: ProgressMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const what = input.action === 'remediate' ? 'Remediation' : 'Restore';
  return composeMessage({
    summary: `${what} in progress`,
    title: `:hourglass_flowing_sand: ${what} in progress`,
    view,
    status: `${what} in progress, started by ${formatActor(input.actor)} on ${formatTime(input.at)}.`,
  });
}

export type { ProgressMessageInput };
export { buildProgressMessage };
