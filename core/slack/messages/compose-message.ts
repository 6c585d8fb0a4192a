import type { SlackMessage } from '../../types/ports';
import type { Block, ButtonSpec } from './blocks';
import { actions, divider, header, section } from './blocks';
import { buildFindingBlocks } from './finding-blocks';
import type { FindingView } from './finding-view';
import { SLACK_LIMITS } from './limits';
import { escapeMrkdwn, s3Uri, truncate } from './text';

interface ComposeInput {
  /** Plain words for the notification, e.g. "Quarantined"; the object path is appended. */
  readonly summary: string;
  /** Header text (plain text, emoji codes allowed). */
  readonly title: string;
  readonly view: FindingView;
  /** mrkdwn: what happened, shown above the finding. */
  readonly status?: string;
  /** mrkdwn: what the buttons do, shown below the finding. */
  readonly note?: string;
  readonly buttons?: readonly ButtonSpec[];
}

/** The one layout every message shares: header, status, finding, note, buttons. */
function composeMessage(input: ComposeInput): SlackMessage {
  const blocks: Block[] = [
    header(input.title),
    ...(input.status ? [section(input.status)] : []),
    ...buildFindingBlocks(input.view),
    ...(input.note || input.buttons?.length ? [divider] : []),
    ...(input.note ? [section(input.note)] : []),
    ...(input.buttons?.length ? [actions(input.buttons)] : []),
  ];
  const text = `${input.summary}: ${escapeMrkdwn(s3Uri(input.view.bucket, input.view.key))}`;
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks };
}

export { composeMessage };
