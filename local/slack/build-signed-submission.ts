import type { SlackViews } from './SlackViews';
import type { SlackWorkspace } from './SlackWorkspace';
import { signedInteraction } from './sign-slack-request';

interface SubmitOptions {
  /** The open modal's id (`views()` lists them). @default the only open modal */
  readonly viewId?: string;
  /** What the user typed, by the input's action_id; `text` fills every text input not named here. */
  readonly values?: Readonly<Record<string, string>>;
  readonly text?: string;
  /** @default the user the modal was opened for */
  readonly userId?: string;
  /** Unix seconds for `X-Slack-Request-Timestamp`. @default the clock */
  readonly timestamp?: number;
  /** Sign with another secret, e.g. for a forged request. @default the current signing secret */
  readonly signingSecret?: string;
}

interface SubmissionContext {
  readonly workspace: SlackWorkspace;
  readonly views: SlackViews;
  readonly interactivityUrl?: string;
  readonly app: { readonly id: string; readonly signingSecret: string; readonly verificationToken: string };
  readonly clock: () => Date;
}

/** A submission as Slack would send it: where to, the headers and the raw form body. */
interface SignedSubmission {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly viewId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

type InputBlock = { block_id?: unknown; element?: { type?: unknown; action_id?: unknown } };

/** `view.state.values` as Slack sends it: per input block, per element, the typed value (null when left empty). */
function stateValues(blocks: readonly Readonly<Record<string, unknown>>[], options: SubmitOptions) {
  const values: Record<string, Record<string, { type: unknown; value: string | null }>> = {};
  for (const block of blocks as InputBlock[]) {
    if ((block as { type?: unknown }).type !== 'input' || typeof block.block_id !== 'string') continue;
    const actionId = block.element?.action_id;
    if (typeof actionId !== 'string') continue;
    const typed = options.values?.[actionId] ?? options.text;
    values[block.block_id] = { [actionId]: { type: block.element?.type, value: typed ? typed : null } };
  }
  return values;
}

/**
 * The request Slack sends when a user presses a modal's submit button: `payload=<view_submission JSON>`
 * with the view as it was opened plus what was typed, signed like a click.
 */
function buildSignedSubmission(context: SubmissionContext, options: SubmitOptions): SignedSubmission {
  const { workspace, views, app, clock } = context;
  const open = views.opened();
  const opened = options.viewId ? views.get(options.viewId) : open.length === 1 ? open[0] : undefined;
  if (!opened) throw new Error(`Slack stand-in: no open modal ${options.viewId ?? `(${open.length} open)`}`);
  const url = context.interactivityUrl;
  if (!url) throw new Error('Slack stand-in: no interactivity URL (setInteractivityUrl or a manifest request_url)');
  const user = options.userId ?? opened.user;
  const payload = {
    type: 'view_submission',
    team: { id: workspace.team.id, domain: workspace.team.domain },
    user: { id: user, username: workspace.user(user)?.name ?? user.toLowerCase(), team_id: workspace.team.id },
    api_app_id: app.id,
    token: app.verificationToken,
    trigger_id: views.issueTrigger(user),
    view: {
      ...opened.view,
      id: opened.id,
      team_id: workspace.team.id,
      app_id: app.id,
      state: { values: stateValues(opened.view.blocks, options) },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  const timestamp = options.timestamp ?? Math.floor(clock().getTime() / 1000);
  const { body, headers } = signedInteraction(payload, options.signingSecret ?? app.signingSecret, timestamp);
  return { url, headers, body, viewId: opened.id, payload };
}

export type { SignedSubmission, SubmitOptions };
export { buildSignedSubmission };
