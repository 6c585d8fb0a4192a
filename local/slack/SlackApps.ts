import { randomHex, slackId } from './slack-ids';

interface AppCredentials {
  readonly client_id: string;
  readonly client_secret: string;
  readonly verification_token: string;
  readonly signing_secret: string;
}

interface SlackApp {
  readonly id: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly credentials: AppCredentials;
}

/** The bot scopes a manifest requests. */
function botScopes(manifest: Readonly<Record<string, unknown>>): string[] {
  const oauth = manifest.oauth_config as { scopes?: { bot?: unknown } } | undefined;
  return Array.isArray(oauth?.scopes?.bot) ? oauth.scopes.bot.map(String) : [];
}

/**
 * Apps made through the App Manifest APIs. `onChange` hears of every created or updated app, so the stand-in
 * can sign clicks with its signing secret and send them to its interactivity request URL.
 */
class SlackApps {
  private readonly apps = new Map<string, SlackApp>();
  private readonly installs = new Map<string, string>();

  constructor(private readonly onChange: (app: SlackApp) => void) {}

  create(manifest: Readonly<Record<string, unknown>>, teamId: string): SlackApp {
    const app: SlackApp = {
      id: slackId('A', 11),
      manifest,
      credentials: {
        client_id: `${teamId.replace(/^T/, '')}.${Date.now()}${randomHex(2)}`,
        client_secret: randomHex(16),
        verification_token: randomHex(12),
        signing_secret: randomHex(16),
      },
    };
    this.apps.set(app.id, app);
    this.onChange(app);
    return app;
  }

  get(id: string | undefined): SlackApp | undefined {
    return id === undefined ? undefined : this.apps.get(id);
  }

  byClientId(clientId: string): SlackApp | undefined {
    return [...this.apps.values()].find((app) => app.credentials.client_id === clientId);
  }

  /** Replaces the manifest; says whether the requested bot scopes changed. */
  update(app: SlackApp, manifest: Readonly<Record<string, unknown>>): { app: SlackApp; permissionsUpdated: boolean } {
    const updated = { ...app, manifest };
    const before = botScopes(app.manifest).sort().join(' ');
    this.apps.set(app.id, updated);
    this.onChange(updated);
    return { app: updated, permissionsUpdated: before !== botScopes(manifest).sort().join(' ') };
  }

  delete(app: SlackApp): void {
    this.apps.delete(app.id);
    for (const [token, appId] of this.installs) if (appId === app.id) this.installs.delete(token);
  }

  /** Installs the app in the workspace: a new bot token that the Web API then accepts. */
  install(app: SlackApp): string {
    const token = `xoxb-${Date.now()}-${randomHex(6)}`;
    this.installs.set(token, app.id);
    return token;
  }

  isInstalledToken(token: string): boolean {
    return this.installs.has(token);
  }
}

export type { AppCredentials, SlackApp };
export { botScopes, SlackApps };
