import { buttonText, listButtons } from '../../local/slack/find-button';
import type { StoredMessage } from '../../local/slack/types';

/** The visible texts of a message's buttons, in order. */
const buttonsOf = (message: StoredMessage | undefined): (string | undefined)[] =>
  message ? listButtons(message.blocks).map(({ button }) => buttonText(button)) : [];

/** A review message's buttons as the policy's default action (QUARANTINE) shows them. */
const REVIEW_BUTTONS = [
  'Remediate',
  'Seal instead',
  'Tag instead',
  'Dismiss',
  'Dismiss and suppress similar',
  'Exempt',
];

export { buttonsOf, REVIEW_BUTTONS };
