import { stringArg } from './parse-api-args';
import { SlackApiError } from './SlackApiError';
import type { SlackWorkspace } from './SlackWorkspace';
import type { ApiArgs, ApiReply } from './types';

/** auth.test for the bot token: who the bot is and in which workspace. */
function authTest(workspace: SlackWorkspace): ApiReply {
  const { team, bot } = workspace;
  return {
    ok: true,
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  };
}

function usersInfo(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const id = stringArg(args, 'user');
  const user = id === undefined ? undefined : workspace.user(id);
  if (!user) throw new SlackApiError('user_not_found');
  const realName = user.realName ?? user.name;
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: workspace.team.id,
      name: user.name,
      deleted: false,
      real_name: realName,
      is_bot: user.isBot ?? false,
      is_admin: false,
      profile: { real_name: realName, display_name: user.name, team: workspace.team.id },
    },
  };
}

function usergroupsUsersList(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const id = stringArg(args, 'usergroup');
  const group = workspace.usergroups.find((g) => g.id === id);
  if (!group) throw new SlackApiError('no_such_subteam');
  return { ok: true, users: group.users };
}

function conversationsInfo(workspace: SlackWorkspace, args: ApiArgs): ApiReply {
  const ref = stringArg(args, 'channel');
  const channel = ref === undefined ? undefined : workspace.channel(ref);
  // Slack resolves only ids here, not names.
  if (!channel || channel.id !== ref) throw new SlackApiError('channel_not_found');
  const isPrivate = channel.isPrivate ?? false;
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: !isPrivate,
      is_group: isPrivate,
      is_im: false,
      is_private: isPrivate,
      is_archived: false,
      is_member: true,
      created: 1_700_000_000,
      creator: workspace.users[0]?.id ?? workspace.bot.userId,
    },
  };
}

export { authTest, conversationsInfo, usergroupsUsersList, usersInfo };
