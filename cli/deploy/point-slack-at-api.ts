import { readFileSync } from 'node:fs';
import type { Settings } from '../../core/types/settings';
import { appConfigTokenFromEnv, slackAppApi } from '../init/slack-app-access';
import {
  buildSlackAppManifest,
  type SlackAppManifest,
  withRequestUrl,
  writeManifestFile,
} from '../init/slack-app-manifest';
import type { CliIO } from '../io';
import type { Output } from '../output';

/** Where Slack's interactivity now points, and whether Slack itself was told. */
interface SlackRequestUrl {
  readonly requestUrl: string;
  readonly manifestFile: string;
  readonly appId?: string;
  /** True when the app's Request URL was set through `apps.manifest.update`. */
  readonly updated: boolean;
  /** Why Slack was not updated (no app id or no token), or what went wrong. */
  readonly note?: string;
  readonly failed?: boolean;
}

function readManifestFile(path: string): SlackAppManifest | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as SlackAppManifest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Closes the original walkthrough's last manual step: the app init created gets the deployed ApiUrl as its
 * interactivity Request URL (exported, changed, validated and updated through Slack's API). Without an app id
 * in cdk.json or a configuration token, the manifest file gets the URL and the admin is told where to put it.
 */
async function pointSlackAtApi(
  io: CliIO,
  output: Output,
  settings: Settings,
  target: { readonly apiUrl: string; readonly appId?: string; readonly manifestFile: string },
): Promise<SlackRequestUrl> {
  const { apiUrl, appId, manifestFile } = target;
  const onFile = readManifestFile(manifestFile);
  writeManifestFile(
    manifestFile,
    onFile ? withRequestUrl(onFile, apiUrl) : buildSlackAppManifest({ requestUrl: apiUrl }),
  );
  const base = { requestUrl: apiUrl, manifestFile, ...(appId ? { appId } : {}) };
  const configToken = appConfigTokenFromEnv(io.env);
  if (!appId || !configToken) {
    const note = appId
      ? `set SLACK_APP_CONFIG_TOKEN to have deploy update the Slack app ${appId}`
      : 'the Slack app was not created by init';
    output.info(
      `Slack: set the app's Request URL (Interactivity & Shortcuts) to ${apiUrl}, or paste ${manifestFile} ` +
        `into its App Manifest page (${note}).`,
    );
    return { ...base, updated: false, note };
  }
  try {
    const api = slackAppApi(configToken, settings.slackApiUrl, output);
    await api.update(appId, withRequestUrl(await api.export(appId), apiUrl));
  } catch (err) {
    const note = err instanceof Error ? err.message : String(err);
    output.warn(`The Slack app ${appId} still needs its Request URL set to ${apiUrl}: ${note}`);
    return { ...base, updated: false, note, failed: true };
  }
  output.info(`Slack app ${appId} now sends clicks to ${apiUrl}.`);
  return { ...base, updated: true };
}

export type { SlackRequestUrl };
export { pointSlackAtApi };
