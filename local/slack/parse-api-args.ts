import { SlackApiError } from './SlackApiError';
import type { ApiArgs } from './types';

/** Arguments that travel as JSON strings inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'manifest', 'unfurls', 'user_auth_blocks', 'view']);

function parseJsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    // Left as the string: the method then answers the error Slack gives for it (invalid_blocks_format, …).
    return value;
  }
}

interface ParsedCall {
  readonly args: ApiArgs;
  readonly token?: string;
}

/**
 * A Web API request's arguments (query string, then form or JSON body) and its token (the `Authorization:
 * Bearer` header, else a `token` argument). The token is taken out of the arguments.
 */
function parseApiArgs(
  rawBody: string,
  contentType: string,
  query: URLSearchParams,
  authorization?: string,
): ParsedCall {
  const args: Record<string, unknown> = Object.fromEntries(query);
  if (contentType.includes('application/json')) {
    let body: unknown;
    try {
      body = rawBody === '' ? {} : JSON.parse(rawBody);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SlackApiError('json_not_object');
    Object.assign(args, body);
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(rawBody)));
  }
  for (const field of Object.keys(args)) if (JSON_FIELDS.has(field)) args[field] = parseJsonField(args[field]);
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  return { args, token };
}

/** A string argument, or undefined (form values are strings; JSON bodies may carry other types). */
const stringArg = (args: ApiArgs, name: string): string | undefined => {
  const value = args[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** A boolean argument: `true`/`1` from a form, or a JSON boolean. */
const flagArg = (args: ApiArgs, name: string): boolean => {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
};

export type { ParsedCall };
export { flagArg, parseApiArgs, stringArg };
