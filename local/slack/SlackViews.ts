import type { Clock } from '../../core/types';
import { SlackApiError } from './SlackApiError';
import { randomHex, slackId } from './slack-ids';
import type { ApiArgs, ApiReply } from './types';

/** A trigger_id works once, for 3 seconds after the interaction that issued it (Slack's documented rule). */
const TRIGGER_LIFETIME_MS = 3000;
const TITLE_MAX = 24;
const METADATA_MAX = 3000;

/** A modal shown to a user, as views.open stored it (with the id Slack gives it). */
interface OpenedView {
  readonly id: string;
  readonly user: string;
  /** The trigger_id it was opened with: names the interaction that opened it. */
  readonly triggerId: string;
  readonly view: Readonly<Record<string, unknown>> & { readonly blocks: readonly Readonly<Record<string, unknown>>[] };
}

interface Trigger {
  readonly user: string;
  readonly issuedAt: number;
  used: boolean;
}

const titleText = (view: Record<string, unknown>): unknown => (view.title as { text?: unknown } | undefined)?.text;

/** The views.open rules the stand-in enforces: a modal, a short title, blocks, submit with an input, small metadata. */
function viewProblem(view: unknown): string | undefined {
  if (typeof view !== 'object' || view === null) return 'view must be a JSON object';
  const v = view as Record<string, unknown>;
  if (v.type !== 'modal') return 'view.type must be modal';
  const title = titleText(v);
  if (typeof title !== 'string' || title.length === 0 || title.length > TITLE_MAX)
    return `view.title must be plain_text of 1 to ${TITLE_MAX} characters`;
  if (!Array.isArray(v.blocks)) return 'view.blocks must be an array';
  const hasInput = v.blocks.some((b) => (b as { type?: unknown }).type === 'input');
  if (hasInput && !v.submit) return 'a view with input blocks needs submit';
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > METADATA_MAX)
    return `view.private_metadata must be at most ${METADATA_MAX} characters`;
  return undefined;
}

/** Trigger ids handed out with interactions, and the modals views.open opened with them. */
class SlackViews {
  readonly #triggers = new Map<string, Trigger>();
  readonly #open = new Map<string, OpenedView>();

  constructor(
    private readonly clock: Clock,
    private readonly teamId: string,
    private readonly onOpen: (view: OpenedView) => void,
  ) {}

  /** A fresh trigger_id for an interaction by `user`. */
  issueTrigger(user: string): string {
    const now = this.clock().getTime();
    const id = `${Math.floor(now / 1000)}.${this.teamId}.${randomHex(16)}`;
    this.#triggers.set(id, { user, issuedAt: now, used: false });
    return id;
  }

  /** views.open: exchanges the trigger for a modal shown to the user whose interaction issued it. */
  open(args: ApiArgs): ApiReply {
    const triggerId = args.trigger_id;
    if (typeof triggerId !== 'string' || triggerId === '') throw new SlackApiError('invalid_arguments');
    const trigger = this.#triggers.get(triggerId);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.clock().getTime() - trigger.issuedAt > TRIGGER_LIFETIME_MS) throw new SlackApiError('expired_trigger_id');
    const problem = viewProblem(args.view);
    if (problem) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: [problem] } });
    trigger.used = true;
    const opened: OpenedView = {
      id: slackId('V', 10),
      user: trigger.user,
      triggerId,
      view: args.view as OpenedView['view'],
    };
    this.#open.set(opened.id, opened);
    this.onOpen(opened);
    return { ok: true, view: { id: opened.id, team_id: this.teamId, ...opened.view, state: { values: {} } } };
  }

  /** Modals open now, oldest first. */
  opened(): OpenedView[] {
    return [...this.#open.values()];
  }

  get(id: string): OpenedView | undefined {
    return this.#open.get(id);
  }

  close(id: string): void {
    this.#open.delete(id);
  }

  clear(): void {
    this.#triggers.clear();
    this.#open.clear();
  }
}

export type { OpenedView };
export { SlackViews, TRIGGER_LIFETIME_MS };
