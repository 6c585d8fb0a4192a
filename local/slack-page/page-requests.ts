/** The JSON the page server reads, checked here: what the page script posts, and the app's answer to a submission. */

interface PageClick {
  readonly ts: string;
  readonly actionId: string;
  /** Absent for a button without a value. */
  readonly value?: string;
  readonly userId: string;
}

/** A modal's Submit: what was typed, by the input's action_id. */
interface PageSubmit {
  readonly viewId: string;
  readonly values: Readonly<Record<string, string>>;
}

function jsonObject(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseClick(text: string): PageClick | undefined {
  const { ts, actionId, value, userId } = jsonObject(text) ?? {};
  if (typeof ts !== 'string' || typeof actionId !== 'string' || typeof userId !== 'string') return undefined;
  return { ts, actionId, userId, ...(typeof value === 'string' && value !== '' ? { value } : {}) };
}

function parseSubmit(text: string): PageSubmit | undefined {
  const { viewId, values } = jsonObject(text) ?? {};
  if (typeof viewId !== 'string' || typeof values !== 'object' || values === null) return undefined;
  const entries = Object.entries(values);
  if (!entries.every(([, typed]) => typeof typed === 'string')) return undefined;
  return { viewId, values: Object.fromEntries(entries) as Record<string, string> };
}

/** A modal's Cancel (or Escape): only its id. */
function parseViewId(text: string): string | undefined {
  const { viewId } = jsonObject(text) ?? {};
  return typeof viewId === 'string' ? viewId : undefined;
}

/** The app's `response_action: "errors"` answer to a submission: the message for each input block. */
function viewErrors(body: string): Readonly<Record<string, string>> | undefined {
  const { response_action: action, errors } = jsonObject(body) ?? {};
  if (action !== 'errors' || typeof errors !== 'object' || errors === null) return undefined;
  return Object.fromEntries(Object.entries(errors).filter(([, problem]) => typeof problem === 'string'));
}

export type { PageClick, PageSubmit };
export { parseClick, parseSubmit, parseViewId, viewErrors };
