import { EventEmitter } from 'node:events';
import type { Clock } from '../../core/types';
import type {
  MessageSource,
  SlackBlock,
  SlackChannel,
  SlackTeam,
  SlackUser,
  SlackUsergroup,
  StoredEphemeral,
  StoredMessage,
} from './types';

interface BotIdentity {
  readonly userId: string;
  readonly botId: string;
  readonly name: string;
}

/** What changed in the workspace, for listeners such as a live channel page. */
interface WorkspaceEvents {
  message: [StoredMessage];
  update: [StoredMessage];
  delete: [StoredMessage];
  ephemeral: [StoredEphemeral];
}

interface NewMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly source: MessageSource;
  readonly threadTs?: string;
}

/**
 * The workspace's state: team, users, channels and user groups as configured, and the messages and ephemerals
 * posted. Emits every change (`message`, `update`, `delete`, `ephemeral`).
 */
class SlackWorkspace extends EventEmitter<WorkspaceEvents> {
  private readonly channelList: SlackChannel[];
  private readonly stored = new Map<string, StoredMessage>();
  private readonly ephemeralList: StoredEphemeral[] = [];
  private lastTsMicros = 0;

  constructor(
    readonly team: SlackTeam,
    readonly bot: BotIdentity,
    readonly users: readonly SlackUser[],
    channels: readonly SlackChannel[],
    readonly usergroups: readonly SlackUsergroup[],
    private readonly clock: Clock,
  ) {
    super();
    this.channelList = [...channels];
  }

  get channels(): readonly SlackChannel[] {
    return this.channelList;
  }

  addChannel(channel: SlackChannel): void {
    this.channelList.push(channel);
  }

  /** A channel by id, name or `#name`. */
  channel(ref: string): SlackChannel | undefined {
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    return this.channelList.find((c) => c.id === ref || c.name === name);
  }

  user(id: string): SlackUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  isMember(channel: SlackChannel, userId: string): boolean {
    return channel.members ? channel.members.includes(userId) : this.user(userId) !== undefined;
  }

  /** A fresh message ts (`seconds.micros`), strictly increasing even within one clock tick. */
  nextTs(): string {
    const micros = Math.max(this.clock().getTime() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  post(channel: SlackChannel, message: NewMessage): StoredMessage {
    const stored: StoredMessage = {
      channel: channel.id,
      ts: this.nextTs(),
      user: this.bot.userId,
      botId: this.bot.botId,
      text: message.text,
      blocks: message.blocks,
      threadTs: message.threadTs,
      source: message.source,
      history: [],
      deleted: false,
    };
    this.stored.set(key(channel.id, stored.ts), stored);
    this.emit('message', stored);
    return stored;
  }

  message(channelId: string, ts: string): StoredMessage | undefined {
    const found = this.stored.get(key(channelId, ts));
    return found && !found.deleted ? found : undefined;
  }

  /** Finds a live message by ts alone (ts values are unique across this workspace's channels). */
  messageByTs(ts: string): StoredMessage | undefined {
    return [...this.stored.values()].find((m) => m.ts === ts && !m.deleted);
  }

  update(existing: StoredMessage, change: { text?: string; blocks?: readonly SlackBlock[] }): StoredMessage {
    const updated: StoredMessage = {
      ...existing,
      text: change.text ?? existing.text,
      blocks: change.blocks ?? existing.blocks,
      history: [...existing.history, { text: existing.text, blocks: existing.blocks, replacedAt: this.nextTs() }],
    };
    this.stored.set(key(existing.channel, existing.ts), updated);
    this.emit('update', updated);
    return updated;
  }

  delete(existing: StoredMessage): void {
    const deleted = { ...existing, deleted: true };
    this.stored.set(key(existing.channel, existing.ts), deleted);
    this.emit('delete', deleted);
  }

  postEphemeral(channel: SlackChannel, user: string, message: Omit<NewMessage, 'threadTs'>): StoredEphemeral {
    const ephemeral: StoredEphemeral = { channel: channel.id, user, ts: this.nextTs(), ...message };
    this.ephemeralList.push(ephemeral);
    this.emit('ephemeral', ephemeral);
    return ephemeral;
  }

  /** Live messages of a channel (id, name or `#name`) in posting order; all channels when omitted. */
  messages(channelRef?: string): StoredMessage[] {
    const channelId = channelRef === undefined ? undefined : (this.channel(channelRef)?.id ?? channelRef);
    return [...this.stored.values()].filter((m) => !m.deleted && (channelId === undefined || m.channel === channelId));
  }

  ephemerals(filter: { channel?: string; user?: string } = {}): StoredEphemeral[] {
    const channelId = filter.channel === undefined ? undefined : (this.channel(filter.channel)?.id ?? filter.channel);
    return this.ephemeralList.filter(
      (e) =>
        (channelId === undefined || e.channel === channelId) && (filter.user === undefined || e.user === filter.user),
    );
  }

  clearMessages(): void {
    this.stored.clear();
    this.ephemeralList.length = 0;
  }
}

const key = (channel: string, ts: string): string => `${channel}/${ts}`;

export type { BotIdentity, NewMessage, WorkspaceEvents };
export { SlackWorkspace };
