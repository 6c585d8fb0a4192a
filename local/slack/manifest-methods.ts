import { isRecord } from './normalize-blocks';
import { stringArg } from './parse-api-args';
import { SlackApiError } from './SlackApiError';
import { botScopes, type SlackApp, type SlackApps } from './SlackApps';
import type { ApiArgs, ApiReply } from './types';
import { type ManifestRules, validateManifest } from './validate-manifest';

interface ManifestContext {
  readonly apps: SlackApps;
  readonly teamId: string;
  readonly rules: ManifestRules;
  /** Base of `oauth_authorize_url` (the stand-in serves the install link itself). */
  readonly baseUrl: string;
}

/** The `manifest` argument, checked: a JSON object string (or object) without problems. */
function manifestArg(args: ApiArgs, rules: ManifestRules): Record<string, unknown> {
  const manifest = args.manifest;
  if (manifest === undefined) throw new SlackApiError('invalid_arguments');
  if (typeof manifest === 'string') {
    throw new SlackApiError('invalid_manifest', { errors: [{ message: 'Invalid JSON', pointer: '/' }] });
  }
  const errors = validateManifest(manifest, rules);
  if (errors.length > 0 || !isRecord(manifest)) throw new SlackApiError('invalid_manifest', { errors });
  return manifest;
}

function appArg(context: ManifestContext, args: ApiArgs): SlackApp {
  const app = context.apps.get(stringArg(args, 'app_id'));
  if (!app) throw new SlackApiError('invalid_app_id');
  return app;
}

function create(context: ManifestContext, args: ApiArgs): ApiReply {
  const app = context.apps.create(manifestArg(args, context.rules), context.teamId);
  // Scopes stay readable (`chat:write,users:read`), as in Slack's own authorize links.
  const query = `client_id=${encodeURIComponent(app.credentials.client_id)}&scope=${botScopes(app.manifest).join(',')}`;
  return {
    ok: true,
    app_id: app.id,
    credentials: app.credentials,
    oauth_authorize_url: `${context.baseUrl}/oauth/v2/authorize?${query}`,
  };
}

function validate(context: ManifestContext, args: ApiArgs): ApiReply {
  if (args.app_id !== undefined) appArg(context, args);
  manifestArg(args, context.rules);
  return { ok: true };
}

function update(context: ManifestContext, args: ApiArgs): ApiReply {
  const app = appArg(context, args);
  const { permissionsUpdated } = context.apps.update(app, manifestArg(args, context.rules));
  return { ok: true, app_id: app.id, permissions_updated: permissionsUpdated };
}

function exportManifest(context: ManifestContext, args: ApiArgs): ApiReply {
  return { ok: true, manifest: appArg(context, args).manifest };
}

function remove(context: ManifestContext, args: ApiArgs): ApiReply {
  context.apps.delete(appArg(context, args));
  return { ok: true };
}

const manifestMethods = { create, validate, update, export: exportManifest, delete: remove };

export type { ManifestContext };
export { manifestMethods };
