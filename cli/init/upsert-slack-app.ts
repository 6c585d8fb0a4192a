import type { Output } from '../output';
import { type SlackAppApi, UnknownSlackAppError } from './slack-app-api';
import { type SlackAppManifest, withRequestUrl } from './slack-app-manifest';

interface UpsertedSlackApp {
  readonly appId: string;
  readonly action: 'created' | 'updated';
  /** Only for a new app: an existing one keeps its secret, already stored. */
  readonly signingSecret?: string;
  readonly installUrl?: string;
}

/**
 * The app named in cdk.json, with its Request URL set when the API is known (the admin's other edits in
 * Slack are kept: the manifest is exported and changed, not replaced); a new app from `manifest` when there
 * is none, or when Slack no longer knows it.
 */
async function upsertSlackApp(
  api: SlackAppApi,
  manifest: SlackAppManifest,
  existingAppId: string | undefined,
  requestUrl: string | undefined,
  output: Output,
): Promise<UpsertedSlackApp> {
  if (existingAppId) {
    try {
      const current = await api.export(existingAppId);
      await api.update(existingAppId, requestUrl ? withRequestUrl(current, requestUrl) : current);
      return { appId: existingAppId, action: 'updated' };
    } catch (err) {
      if (!(err instanceof UnknownSlackAppError)) throw err;
      output.warn(`Slack does not know the app ${existingAppId} named in cdk.json: creating a new one`);
    }
  }
  const created = await api.create(manifest);
  return { ...created, action: 'created' };
}

export type { UpsertedSlackApp };
export { upsertSlackApp };
