import * as z from 'zod/mini';
import { InvalidInputError } from '../errors';
import { findingIdProblem } from '../finding/finding-id';
import { parseReasonContext, REASON_MODAL } from './reason-modal';
import '../zod-messages';

/**
 * One button click, as Slack sends it back, or the submission of the reason modal a click opened (its button
 * and message come back from the modal's private_metadata). action_id is passed on untouched; value is a
 * well-formed finding id.
 */
interface SlackInteraction {
  readonly type: 'block_actions' | 'view_submission';
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
  /** A submission's typed reason, untrimmed (blank when nothing was typed); absent on a click. */
  readonly reason?: string;
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

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id, username: z.optional(z.string()), name: z.optional(z.string()) }),
  team: z.object({ id }),
  trigger_id: z.optional(z.string()),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().check(z.maxLength(3000)),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.optional(z.nullable(z.string())) }))),
    }),
  }),
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
  if (type === 'view_submission') return parseViewSubmission(payload);
  if (type !== 'block_actions') {
    const shown = typeof type === 'string' ? type.slice(0, 40) : typeof type;
    throw invalid(`unsupported interaction type ${shown}`, 'type');
  }

  const p = parseWith(blockActionsSchema, payload);
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

function parseWith<T>(schema: z.ZodMiniType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw invalid(`${field ?? 'payload'}: ${issue?.message ?? 'malformed'}`, field);
}

/** The reason modal's submission: only our modal, with its context intact and a finding id that is one. */
function parseViewSubmission(payload: unknown): SlackInteraction {
  const p = parseWith(viewSubmissionSchema, payload);
  if (p.view.callback_id !== REASON_MODAL.callbackId) throw invalid('not our modal', 'view.callback_id');
  const context = parseReasonContext(p.view.private_metadata);
  if (!context) throw invalid('modal context malformed', 'view.private_metadata');
  const problem = findingIdProblem(context.value);
  if (problem) throw invalid(problem, 'view.private_metadata');
  const input = p.view.state.values[REASON_MODAL.block]?.[REASON_MODAL.input];
  if (!input) throw invalid('no reason input', 'view.state.values');
  return {
    type: 'view_submission',
    actionId: context.actionId,
    value: context.value,
    userId: p.user.id,
    userName: p.user.username ?? p.user.name,
    teamId: p.team.id,
    channelId: context.channelId,
    messageTs: context.messageTs,
    responseUrl: context.responseUrl,
    triggerId: p.trigger_id,
    reason: input.value ?? '',
  };
}

export type { SlackInteraction };
export { MAX_INTERACTION_BYTES, parseInteraction };
