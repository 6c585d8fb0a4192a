import { writeFileSync } from 'node:fs';

/**
 * The bot scopes the code calls, and no more: chat:write (post, update, ephemeral), chat:write.public (post in
 * the findings channel without inviting the bot first), usergroups:read (approver groups' members).
 */
const BOT_SCOPES = ['chat:write', 'chat:write.public', 'usergroups:read'] as const;

const DEFAULT_APP_NAME = 'Macie Remediate';
const MANIFEST_FILE = 'slack-app-manifest.json';

type SlackAppManifest = Readonly<Record<string, unknown>>;

interface ManifestOptions {
  /** @default 'Macie Remediate' */
  readonly appName?: string;
  /** The deployed ApiUrl. Unknown before the first deploy: the manifest then has no interactivity yet. */
  readonly requestUrl?: string;
}

/**
 * The Slack app macie-remediate needs, as a manifest for "Create app from manifest" or `apps.manifest.*`.
 * Slack refuses interactivity without a Request URL, so it is only switched on once deploy knows the API.
 */
function buildSlackAppManifest(options: ManifestOptions = {}): SlackAppManifest {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: options.appName ?? DEFAULT_APP_NAME,
      description: 'Quarantines S3 objects that Amazon Macie found sensitive data in, after review.',
      background_color: '#232f3e',
    },
    features: { bot_user: { display_name: 'macie-remediate', always_online: true } },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      ...(options.requestUrl ? { interactivity: { is_enabled: true, request_url: options.requestUrl } } : {}),
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** The Request URL a manifest sends clicks to, if any. */
function requestUrlOf(manifest: unknown): string | undefined {
  const settings = (manifest as { settings?: { interactivity?: { request_url?: unknown } } } | undefined)?.settings;
  const url = settings?.interactivity?.request_url;
  return typeof url === 'string' ? url : undefined;
}

/** The manifest with interactivity on and sent to `requestUrl`; everything else as it was. */
function withRequestUrl(manifest: SlackAppManifest, requestUrl: string): SlackAppManifest {
  const settings = (manifest.settings ?? {}) as Readonly<Record<string, unknown>>;
  return { ...manifest, settings: { ...settings, interactivity: { is_enabled: true, request_url: requestUrl } } };
}

function writeManifestFile(path: string, manifest: SlackAppManifest): void {
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

export type { ManifestOptions, SlackAppManifest };
export {
  BOT_SCOPES,
  buildSlackAppManifest,
  DEFAULT_APP_NAME,
  MANIFEST_FILE,
  requestUrlOf,
  withRequestUrl,
  writeManifestFile,
};
