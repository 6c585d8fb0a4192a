import * as z from 'zod/mini';
import type { StartableAction } from '../ledger/finding-state';
import { MAX_REASON_LENGTH } from '../remediation/action-reason';
import '../zod-messages';

/** The modal's identity and its one input: Slack returns `view.state.values[block_id][action_id].value`. */
const REASON_MODAL = { callbackId: 'macie_remediate_reason', block: 'reason', input: 'reason_text' } as const;

/**
 * What the click was about, kept in the modal's `private_metadata` (≤ 3,000 characters) until the submission:
 * a view_submission names neither the message nor the button.
 */
interface ReasonContext {
  readonly actionId: string;
  /** The finding id (the button's value). */
  readonly value: string;
  readonly channelId: string;
  readonly messageTs: string;
  readonly responseUrl?: string;
}

const contextSchema = z.object({
  actionId: z.string().check(z.minLength(1), z.maxLength(255)),
  value: z.string().check(z.minLength(1), z.maxLength(512)),
  channelId: z.string().check(z.minLength(1), z.maxLength(255)),
  messageTs: z.string().check(z.minLength(1), z.maxLength(64)),
  responseUrl: z.optional(z.url({ protocol: /^https?$/ })),
});

/** What each action's modal says: its title (≤ 24 characters) and submit button. */
const WORDS: Readonly<Record<StartableAction, { readonly title: string; readonly submit: string }>> = {
  remediate: { title: 'Remediate: why?', submit: 'Remediate' },
  dismiss: { title: 'Dismiss: why?', submit: 'Dismiss' },
  restore: { title: 'Restore: why?', submit: 'Restore' },
  exempt: { title: 'Exempt: why?', submit: 'Exempt' },
};

const text = (value: string) => ({ type: 'plain_text', text: value });

/** The modal `views.open` shows: one required multiline input; the click's context rides in private_metadata. */
function buildReasonModal(action: StartableAction, context: ReasonContext): Record<string, unknown> {
  const words = WORDS[action];
  return {
    type: 'modal',
    callback_id: REASON_MODAL.callbackId,
    title: text(words.title),
    submit: text(words.submit),
    close: text('Cancel'),
    private_metadata: JSON.stringify(context),
    blocks: [
      {
        type: 'input',
        block_id: REASON_MODAL.block,
        label: text(`Why ${action} finding ${context.value}?`.slice(0, 2000)),
        hint: text('Kept in the finding’s history, this channel and Security Hub.'),
        element: {
          type: 'plain_text_input',
          action_id: REASON_MODAL.input,
          multiline: true,
          max_length: MAX_REASON_LENGTH,
        },
      },
    ],
  };
}

/** The context a submission carries back, or undefined when it is not ours or was altered. */
function parseReasonContext(metadata: string): ReasonContext | undefined {
  let json: unknown;
  try {
    json = JSON.parse(metadata);
  } catch {
    return undefined;
  }
  const parsed = contextSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { responseUrl, ...rest } = parsed.data;
  return { ...rest, ...(responseUrl ? { responseUrl } : {}) };
}

/** The answer to a submission without a usable reason: Slack keeps the modal open and shows `problem` under the input. */
const reasonErrors = (problem: string) => ({
  response_action: 'errors',
  errors: { [REASON_MODAL.block]: problem.slice(0, 500) },
});

export type { ReasonContext };
export { buildReasonModal, parseReasonContext, REASON_MODAL, reasonErrors };
