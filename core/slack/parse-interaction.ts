import * as z from 'zod/mini';
import { InvalidInputError } from '../errors';
import { findingIdProblem } from '../finding/finding-id';
import '../zod-messages';

/** One button click, as Slack sends it back. action_id is passed on untouched; value is a well-formed finding id. */
interface SlackInteraction {
  readonly type: 'block_actions';
  readonly actionId: string;
  /** Our buttons carry the finding id; the handler re-reads everything else. */
  readonly value: string;
  readonly userId: string;
  readonly userName?: string;
  readonly teamId: string;
  readonly channelId: string;
  readonly messageTs: string;
  /** Valid for 30 minutes and 5 uses from when Slack sent it. */
  readonly responseUrl?: string;
  readonly triggerId?: string;
}

/** Interactivity payloads for a message are a few KB; anything this big is not ours. */
const MAX_INTERACTION_BYTES = 64 * 1024;
/** A button click carries exactly one action. */
const MAX_ACTIONS = 1;

const id = z.string().check(z.minLength(1), z.maxLength(255));
const nonEmpty = z.string().check(z.minLength(1));

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id, username: z.optional(z.string()), name: z.optional(z.string()) }),
  team: z.object({ id }),
  channel: z.object({ id }),
  container: z.optional(z.object({ message_ts: z.optional(nonEmpty) })),
  message: z.optional(z.object({ ts: z.optional(nonEmpty) })),
  response_url: z.optional(z.url({ protocol: /^https?$/ })),
  trigger_id: z.optional(z.string()),
  actions: z
    .array(z.object({ action_id: id, value: z.string().check(z.maxLength(2000)) }))
    .check(z.minLength(1), z.maxLength(MAX_ACTIONS)),
});

const invalid = (reason: string, field?: string): InvalidInputError =>
  new InvalidInputError('REQUEST_INVALID', `Slack request invalid: ${reason}`, field ? { field } : {});

function decodePayload(rawBody: string): unknown {
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_INTERACTION_BYTES) throw invalid('payload too large');
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null) throw invalid('no payload field', 'payload');
  try {
    return JSON.parse(payload);
  } catch {
    throw invalid('payload is not JSON', 'payload');
  }
}

/**
 * Turns a verified interactivity request body (`payload=<urlencoded JSON>`) into a SlackInteraction.
 * Call it only after verifySlackRequest. Anything but a one-button block_actions payload is REQUEST_INVALID.
 */
function parseInteraction(rawBody: string): SlackInteraction {
  const payload = decodePayload(rawBody);
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
  if (type !== 'block_actions') {
    const shown = typeof type === 'string' ? type.slice(0, 40) : typeof type;
    throw invalid(`unsupported interaction type ${shown}`, 'type');
  }

  const parsed = blockActionsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw invalid(`${field ?? 'payload'}: ${issue?.message ?? 'malformed'}`, field);
  }
  const p = parsed.data;
  const [action] = p.actions;
  const messageTs = p.container?.message_ts ?? p.message?.ts;
  if (!action) throw invalid('no action', 'actions');
  if (!messageTs) throw invalid('no message timestamp', 'container.message_ts');
  // The value is anyone's text until checked: the ledger is read with it next.
  const problem = findingIdProblem(action.value);
  if (problem) throw invalid(problem, 'actions.0.value');

  return {
    type: 'block_actions',
    actionId: action.action_id,
    value: action.value,
    userId: p.user.id,
    userName: p.user.username ?? p.user.name,
    teamId: p.team.id,
    channelId: p.channel.id,
    messageTs,
    responseUrl: p.response_url,
    triggerId: p.trigger_id,
  };
}

export type { SlackInteraction };
export { MAX_INTERACTION_BYTES, parseInteraction };
