import { isRecord } from './normalize-blocks';

interface ManifestProblem {
  readonly message: string;
  /** JSON pointer into the manifest, e.g. `/display_information/name`. */
  readonly pointer: string;
}

interface ManifestRules {
  /**
   * Accept `http://127.0.0.1`/`http://localhost` request URLs. Slack itself requires https; the local stack
   * serves plain http on loopback, so the stand-in allows it unless told to be strict.
   * @default true
   */
  readonly allowLoopbackHttp?: boolean;
}

const TOP_LEVEL = new Set([
  '_metadata',
  'display_information',
  'settings',
  'features',
  'oauth_config',
  'functions',
  'workflows',
  'datastores',
  'outgoing_domains',
  'types',
  'metadata_events',
  'external_auth_providers',
  'compliance',
  'app_directory',
]);

/** Bot scopes Slack knows (the ones a bot token can be granted). */
const BOT_SCOPES = new Set(
  (
    'app_mentions:read assistant:write bookmarks:read bookmarks:write calls:read calls:write canvases:read ' +
    'canvases:write channels:history channels:join channels:manage channels:read chat:write chat:write.customize ' +
    'chat:write.public commands conversations.connect:manage conversations.connect:read conversations.connect:write ' +
    'dnd:read emoji:read files:read files:write groups:history groups:read groups:write im:history im:read im:write ' +
    'incoming-webhook links.embed:write links:read links:write metadata.message:read mpim:history mpim:read ' +
    'mpim:write pins:read pins:write reactions:read reactions:write reminders:read reminders:write ' +
    'remote_files:read remote_files:share remote_files:write team.billing:read team.preferences:read team:read ' +
    'tokens.basic usergroups:read usergroups:write users.profile:read users:read users:read.email users:write ' +
    'workflow.steps:execute'
  ).split(' '),
);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function urlProblem(value: unknown, pointer: string, rules: ManifestRules): ManifestProblem | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return { message: 'must be a valid URL', pointer };
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && rules.allowLoopbackHttp !== false;
  return url.protocol === 'https:' || loopbackHttp ? undefined : { message: 'must be a valid HTTPS URL', pointer };
}

function checkLength(value: unknown, pointer: string, min: number, max: number): ManifestProblem | undefined {
  if (typeof value !== 'string') return { message: 'must be string', pointer };
  if (value.length < min) return { message: `must NOT have fewer than ${min} characters`, pointer };
  if (value.length > max) return { message: `must NOT have more than ${max} characters`, pointer };
  return undefined;
}

function displayProblems(display: unknown): (ManifestProblem | undefined)[] {
  if (!isRecord(display)) return [{ message: "must have required property 'display_information'", pointer: '/' }];
  const at = (field: string) => `/display_information/${field}`;
  return [
    display.name === undefined
      ? { message: "must have required property 'name'", pointer: '/display_information' }
      : checkLength(display.name, at('name'), 1, 35),
    display.description === undefined ? undefined : checkLength(display.description, at('description'), 1, 140),
    display.long_description === undefined
      ? undefined
      : checkLength(display.long_description, at('long_description'), 175, 4000),
    display.background_color === undefined || /^#[0-9a-fA-F]{6}$/.test(String(display.background_color))
      ? undefined
      : { message: 'must match format "hex color"', pointer: at('background_color') },
  ];
}

function featureProblems(manifest: Record<string, unknown>, rules: ManifestRules): (ManifestProblem | undefined)[] {
  const features = isRecord(manifest.features) ? manifest.features : {};
  const oauth = isRecord(manifest.oauth_config) ? manifest.oauth_config : {};
  const scopes = isRecord(oauth.scopes) ? oauth.scopes : {};
  const botScopes = Array.isArray(scopes.bot) ? scopes.bot : [];
  const botUser = features.bot_user;
  const commands = Array.isArray(features.slash_commands) ? features.slash_commands : [];
  return [
    ...botScopes.map((scope, i) =>
      BOT_SCOPES.has(String(scope))
        ? undefined
        : { message: `Invalid scope: ${String(scope)}`, pointer: `/oauth_config/scopes/bot/${i}` },
    ),
    botScopes.length > 0 && !isRecord(botUser)
      ? { message: 'A bot user is required to request bot scopes', pointer: '/features/bot_user' }
      : undefined,
    isRecord(botUser) ? checkLength(botUser.display_name, '/features/bot_user/display_name', 1, 80) : undefined,
    ...commands.flatMap((command, i) => [
      isRecord(command) && /^\/[a-z0-9_-]+$/.test(String(command.command))
        ? undefined
        : { message: 'must match pattern "^/"', pointer: `/features/slash_commands/${i}/command` },
      isRecord(command) && command.url !== undefined
        ? urlProblem(command.url, `/features/slash_commands/${i}/url`, rules)
        : undefined,
    ]),
    ...(Array.isArray(oauth.redirect_urls) ? oauth.redirect_urls : []).map((url, i) =>
      urlProblem(url, `/oauth_config/redirect_urls/${i}`, rules),
    ),
  ];
}

function settingsProblems(settings: unknown, rules: ManifestRules): (ManifestProblem | undefined)[] {
  if (!isRecord(settings)) return [];
  const socketMode = settings.socket_mode_enabled === true;
  const interactivity = settings.interactivity;
  const events = settings.event_subscriptions;
  const problems: (ManifestProblem | undefined)[] = [];
  if (isRecord(interactivity) && interactivity.is_enabled === true) {
    if (interactivity.request_url !== undefined) {
      problems.push(urlProblem(interactivity.request_url, '/settings/interactivity/request_url', rules));
    } else if (!socketMode) {
      problems.push({ message: 'Interactivity requires a Request URL', pointer: '/settings/interactivity' });
    }
  }
  if (isRecord(events)) {
    if (events.request_url !== undefined) {
      problems.push(urlProblem(events.request_url, '/settings/event_subscriptions/request_url', rules));
    } else if (!socketMode) {
      problems.push({
        message: 'Event Subscription requires either Request URL or Socket Mode Enabled',
        pointer: '/settings/event_subscriptions',
      });
    }
  }
  return problems;
}

/**
 * Checks an app manifest the way the App Manifest APIs do and lists every problem with a JSON pointer:
 * known top-level keys; `display_information.name` 1–35 characters (description ≤ 140, long description
 * 175–4000, background colour `#rrggbb`); known bot scopes, which need `features.bot_user` (display name
 * 1–80); https request URLs for interactivity, events, slash commands and redirects (see `allowLoopbackHttp`);
 * an interactivity or event subscription without a URL needs socket mode.
 */
function validateManifest(manifest: unknown, rules: ManifestRules = {}): ManifestProblem[] {
  if (!isRecord(manifest)) return [{ message: 'must be object', pointer: '/' }];
  const unknown = Object.keys(manifest)
    .filter((key) => !TOP_LEVEL.has(key))
    .map((key) => ({ message: 'must NOT have additional properties', pointer: `/${key}` }));
  return [
    ...unknown,
    ...displayProblems(manifest.display_information),
    ...featureProblems(manifest, rules),
    ...settingsProblems(manifest.settings, rules),
  ].filter((problem): problem is ManifestProblem => problem !== undefined);
}

export type { ManifestProblem, ManifestRules };
export { validateManifest };
