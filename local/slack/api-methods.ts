import { postEphemeral, postMessage, update } from './chat-methods';
import { authTest, conversationsInfo, usergroupsUsersList, usersInfo } from './directory-methods';
import { type ManifestContext, manifestMethods } from './manifest-methods';
import type { SlackViews } from './SlackViews';
import type { SlackWorkspace } from './SlackWorkspace';
import type { ApiArgs, ApiReply } from './types';

/** Bot tokens (`xoxb-`) for workspace methods; app configuration tokens (`xoxe.xoxp-`) for manifests. */
type TokenKind = 'bot' | 'config';

interface MethodContext {
  readonly workspace: SlackWorkspace;
  readonly manifest: ManifestContext;
  readonly views: SlackViews;
}

interface ApiMethod {
  readonly token: TokenKind;
  readonly run: (context: MethodContext, args: ApiArgs) => ApiReply;
}

/** The Web API methods the stand-in answers. */
const API_METHODS: Readonly<Record<string, ApiMethod>> = {
  'auth.test': { token: 'bot', run: ({ workspace }) => authTest(workspace) },
  'chat.postMessage': { token: 'bot', run: ({ workspace }, args) => postMessage(workspace, args) },
  'chat.update': { token: 'bot', run: ({ workspace }, args) => update(workspace, args) },
  'chat.postEphemeral': { token: 'bot', run: ({ workspace }, args) => postEphemeral(workspace, args) },
  'views.open': { token: 'bot', run: ({ views }, args) => views.open(args) },
  'users.info': { token: 'bot', run: ({ workspace }, args) => usersInfo(workspace, args) },
  'usergroups.users.list': { token: 'bot', run: ({ workspace }, args) => usergroupsUsersList(workspace, args) },
  'conversations.info': { token: 'bot', run: ({ workspace }, args) => conversationsInfo(workspace, args) },
  'apps.manifest.create': { token: 'config', run: ({ manifest }, args) => manifestMethods.create(manifest, args) },
  'apps.manifest.validate': { token: 'config', run: ({ manifest }, args) => manifestMethods.validate(manifest, args) },
  'apps.manifest.update': { token: 'config', run: ({ manifest }, args) => manifestMethods.update(manifest, args) },
  'apps.manifest.export': { token: 'config', run: ({ manifest }, args) => manifestMethods.export(manifest, args) },
  'apps.manifest.delete': { token: 'config', run: ({ manifest }, args) => manifestMethods.delete(manifest, args) },
};

export type { ApiMethod, MethodContext, TokenKind };
export { API_METHODS };
