import type { WebClient } from '@slack/web-api';
import type { OpenView } from '../remediation/handle-click';
import { callWebApi } from './call-web-api';

/** views.open with a bot-token client: the click handler's, whose short budget keeps within the trigger's 3 seconds. */
function createViewOpener(client: WebClient): OpenView {
  return async (triggerId, view) => {
    await callWebApi(client, 'views.open', { trigger_id: triggerId, view });
  };
}

export { createViewOpener };
