import type { WebClient } from '@slack/web-api';
import { RemediateError } from '../../core/errors';
import { describeWebApiError, refusedTokenCode, slackFailed } from '../../core/slack/slack-failure';
import type { SlackAppManifest } from './slack-app-manifest';

/** What `apps.manifest.create` hands back that init keeps: the app, its signing secret, its install link. */
interface CreatedSlackApp {
  readonly appId: string;
  readonly signingSecret: string;
  readonly installUrl?: string;
}

const prop = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** Slack's `invalid_manifest` answer lists each problem with a JSON pointer into the manifest. */
function manifestProblems(err: unknown): string[] {
  const errors = prop(prop(err, 'data'), 'errors');
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => `${String(prop(e, 'pointer') ?? '/')}: ${String(prop(e, 'message') ?? 'invalid')}`);
}

/** `invalid_app_id`: the app named in cdk.json is gone (deleted in Slack, or made in another workspace). */
class UnknownSlackAppError extends RemediateError {
  constructor(method: string, cause: unknown) {
    super('SLACK_FAILED', `Slack ${method} failed: invalid_app_id`, { source: 'user', cause });
    this.name = 'UnknownSlackAppError';
  }
}

/** A failed App Manifest API call in words: the user's to fix (token, manifest) or Slack's. */
function manifestFailure(method: string, err: unknown): RemediateError {
  const reason = describeWebApiError(err);
  if (reason === 'invalid_manifest') {
    const problems = manifestProblems(err).map((p) => `\n  - ${p}`);
    return new RemediateError('CONFIG_INVALID', `Slack rejected the app manifest (${method}):${problems.join('')}`, {
      source: 'user',
      cause: err,
    });
  }
  if (reason === 'invalid_app_id') return new UnknownSlackAppError(method, err);
  if (refusedTokenCode(err))
    return new RemediateError(
      'CONFIG_INVALID',
      `Slack did not accept SLACK_APP_CONFIG_TOKEN (${reason}): app configuration tokens expire after 12 hours; ` +
        'make a new one under "Your App Configuration Tokens" at https://api.slack.com/apps',
      { source: 'user', cause: err },
    );
  return slackFailed(method, reason, err);
}

/**
 * Slack's App Manifest API (`apps.manifest.*`), called with an app configuration token (`xoxe.xoxp-…`). Every
 * manifest is validated by Slack before it is used, so its problems come back with their pointers.
 */
class SlackAppApi {
  constructor(private readonly client: WebClient) {}

  async validate(manifest: SlackAppManifest, appId?: string): Promise<void> {
    await this.call('apps.manifest.validate', { manifest, ...(appId ? { app_id: appId } : {}) });
  }

  async create(manifest: SlackAppManifest): Promise<CreatedSlackApp> {
    await this.validate(manifest);
    const answer = await this.call('apps.manifest.create', { manifest });
    const appId = prop(answer, 'app_id');
    const signingSecret = prop(prop(answer, 'credentials'), 'signing_secret');
    if (typeof appId !== 'string' || typeof signingSecret !== 'string')
      throw slackFailed('apps.manifest.create', 'no app_id or signing secret in the answer');
    const installUrl = prop(answer, 'oauth_authorize_url');
    return { appId, signingSecret, ...(typeof installUrl === 'string' ? { installUrl } : {}) };
  }

  async update(appId: string, manifest: SlackAppManifest): Promise<void> {
    await this.validate(manifest, appId);
    await this.call('apps.manifest.update', { app_id: appId, manifest });
  }

  async export(appId: string): Promise<SlackAppManifest> {
    const manifest = prop(await this.call('apps.manifest.export', { app_id: appId }), 'manifest');
    if (typeof manifest !== 'object' || manifest === null)
      throw slackFailed('apps.manifest.export', 'no manifest in the answer');
    return manifest as SlackAppManifest;
  }

  private async call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      return { ...(await this.client.apiCall(method, args)) };
    } catch (err) {
      throw manifestFailure(method, err);
    }
  }
}

export type { CreatedSlackApp };
export { SlackAppApi, UnknownSlackAppError };
