import type { WebClient } from '@slack/web-api';
import { systemClock } from '../logger';
import type { Clock } from '../types/runtime';
import { callWebApi } from './call-web-api';
import { createTtlCache } from './ttl-cache';

/** Members (user ids) of a Slack user group (`S…`). */
type LookupGroupMembers = (groupId: string) => Promise<readonly string[]>;

interface GroupMemberLookupOptions {
  /** A bot-token client with `usergroups:read` (see createWebClient). */
  readonly client: WebClient;
  readonly clock?: Clock;
  /** How long a group's members are trusted before asking Slack again. @default 300000 (5 minutes) */
  readonly ttlMs?: number;
}

/**
 * usergroups.users.list, cached per group for the life of the process (a warm Lambda) and at most `ttlMs`,
 * so someone removed from the group loses approval within minutes.
 */
function createGroupMemberLookup(options: GroupMemberLookupOptions): LookupGroupMembers {
  const cache = createTtlCache<string, readonly string[]>(options.ttlMs ?? 5 * 60 * 1000, options.clock ?? systemClock);
  const list = async (groupId: string): Promise<readonly string[]> => {
    const result = await callWebApi(options.client, 'usergroups.users.list', { usergroup: groupId });
    return Array.isArray(result.users) ? result.users.filter((u): u is string => typeof u === 'string') : [];
  };
  return (groupId) => cache.get(groupId, () => list(groupId));
}

export type { GroupMemberLookupOptions, LookupGroupMembers };
export { createGroupMemberLookup };
