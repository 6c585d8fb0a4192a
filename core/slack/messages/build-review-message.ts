import { buildQuarantineKey } from '../../quarantine/quarantine-key';
import type { SlackMessage } from '../../types/ports';
import { dismissButton, remediateButton } from './buttons';
import { composeMessage } from './compose-message';
import { type MessageSubject, toFindingView } from './finding-view';
import { codeSpan, escapeMrkdwn, s3Uri, truncate } from './text';

interface ReviewMessageInput {
  readonly finding: MessageSubject;
  /** Where Remediate moves the object. */
  readonly quarantineBucket: string;
  /** The policy's reason for asking a human (Decision.reason). */
  readonly reason?: string;
}

/** REVIEW: a finding waiting for a human, with Remediate (confirmed) and Dismiss buttons. */
function buildReviewMessage(input: ReviewMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const destination = s3Uri(input.quarantineBucket, buildQuarantineKey(view.id, view.bucket, view.key).key);
  const why = input.reason ? `\n_Why review:_ ${truncate(escapeMrkdwn(input.reason), 500)}` : '';
  return composeMessage({
    summary: `Sensitive data found (${view.severity}), review needed`,
    title: ':mag: Sensitive data found: review needed',
    view,
    note:
      `*Remediate* moves the object to ${codeSpan(destination, 1500)} (a locked-down bucket; ` +
      `it can be restored). *Dismiss* leaves it where it is. Either choice is recorded with your name.${why}`,
    buttons: [remediateButton(view, input.quarantineBucket), dismissButton(view)],
  });
}

export type { ReviewMessageInput };
export { buildReviewMessage };
