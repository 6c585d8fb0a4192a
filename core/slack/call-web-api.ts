import type { WebClient } from '@slack/web-api';
import { describeWebApiError, slackFailed } from './slack-failure';

/** One Web API call; every failure (after the client's retries) becomes SLACK_FAILED without secrets. */
async function callWebApi(
  client: WebClient,
  method: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  try {
    return { ...(await client.apiCall(method, args)) };
  } catch (err) {
    throw slackFailed(method, describeWebApiError(err), err);
  }
}

export { callWebApi };
