import { buttonText, listButtons } from '../../local/slack/find-button';
import type { StoredMessage } from '../../local/slack/types';

/** The visible texts of a message's buttons, in order. */
const buttonsOf = (message: StoredMessage | undefined): (string | undefined)[] =>
  message ? listButtons(message.blocks).map(({ button }) => buttonText(button)) : [];

export { buttonsOf };
