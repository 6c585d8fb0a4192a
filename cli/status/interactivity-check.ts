import type { Settings } from '../../core/types/settings';
import { slackAppApi } from '../init/slack-app-access';
import { requestUrlOf } from '../init/slack-app-manifest';
import type { Output } from '../output';
import { fail, pass, reasonOf, type StatusCheck, skip } from './status-check';

const CHECK = 'interactivity-url';

interface InteractivityTarget {
  /** The deployed API, where Slack must send clicks. */
  readonly apiUrl?: string;
  /** The app init created (cdk.json `slackAppId`). */
  readonly appId?: string;
  readonly configToken?: string;
}

/** apps.manifest.export: the app's interactivity Request URL is the deployed ApiUrl. */
async function checkInteractivity(
  target: InteractivityTarget,
  settings: Pick<Settings, 'slackApiUrl'>,
  output: Output,
): Promise<StatusCheck> {
  const { apiUrl, appId, configToken } = target;
  if (!apiUrl) return fail(CHECK, 'no deployed API to send clicks to');
  if (!appId) return skip(CHECK, `cannot be checked (the Slack app was not made by init): it must be ${apiUrl}`);
  if (!configToken) return skip(CHECK, `cannot be checked without SLACK_APP_CONFIG_TOKEN: it must be ${apiUrl}`);
  let requestUrl: string | undefined;
  try {
    requestUrl = requestUrlOf(await slackAppApi(configToken, settings.slackApiUrl, output).export(appId));
  } catch (err) {
    return fail(CHECK, `apps.manifest.export failed: ${reasonOf(err)}`);
  }
  if (requestUrl === apiUrl) return pass(CHECK, `Slack app ${appId} sends clicks to ${apiUrl}`);
  return fail(
    CHECK,
    `Slack app ${appId} sends clicks to ${requestUrl ?? 'nowhere'}, not ${apiUrl}: run macie-remediate deploy with SLACK_APP_CONFIG_TOKEN`,
  );
}

export { checkInteractivity };
