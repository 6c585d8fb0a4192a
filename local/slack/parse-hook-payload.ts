import { isRecord } from './normalize-blocks';
import type { ApiArgs } from './types';

/**
 * The message posted to an incoming webhook or response URL: a JSON body, or a form with a `payload` JSON
 * field (both are accepted by Slack). Undefined when it cannot be read (Slack's `invalid_payload`).
 */
function parseHookPayload(rawBody: string, contentType: string): ApiArgs | undefined {
  const json = contentType.includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(rawBody).get('payload')
    : rawBody;
  try {
    const parsed: unknown = JSON.parse(json ?? '');
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export { parseHookPayload };
