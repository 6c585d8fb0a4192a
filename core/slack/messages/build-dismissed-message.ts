import type { SlackMessage } from '../../types/ports';
import { type MessageSubject, toFindingView } from './finding-view';
import { buildOutcomeMessage } from './messages';

interface DismissedMessageInput {
  readonly finding: MessageSubject;
  readonly actor: string;
  /** ISO-8601. */
  readonly at: string;
}

/** DISMISSED: the object stays; the message keeps who decided and when. */
function buildDismissedMessage(input: DismissedMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  return buildOutcomeMessage({
    ...input,
    kind: 'remediate',
    result: {
      findingId: view.id,
      outcome: 'DISMISSED',
      source: { bucket: view.bucket, key: view.key },
    },
  });
}

export type { DismissedMessageInput };
export { buildDismissedMessage };
