/**
 * In-memory state of one embedded server: who is subscribed where, presence members, and
 * signed-in users. It only knows "subscribers" that can receive a frame, so the WebSocket
 * layer and the HTTP API can share it without depending on each other.
 */

export interface Subscriber {
  readonly id: string;
  send(frame: string): void;
  /** Sends `pusher:error` with this code and closes (terminate_connections uses it). */
  disconnect(code: number, message: string): void;
}

interface PresenceMember {
  info: unknown;
  /** A user may hold several sockets; they leave only when the last one does. */
  socketIds: Set<string>;
}

interface ChannelState {
  subscribers: Map<string, Subscriber>;
  members: Map<string, PresenceMember>;
}

export class Registry {
  private readonly channels = new Map<string, ChannelState>();
  private readonly users = new Map<string, Map<string, Subscriber>>();

  subscribe(channel: string, subscriber: Subscriber): void {
    let state = this.channels.get(channel);
    if (!state) {
      state = { subscribers: new Map(), members: new Map() };
      this.channels.set(channel, state);
    }
    state.subscribers.set(subscriber.id, subscriber);
  }

  unsubscribe(channel: string, subscriberId: string): void {
    const state = this.channels.get(channel);
    if (!state) return;
    state.subscribers.delete(subscriberId);
    for (const [userId, member] of state.members) {
      member.socketIds.delete(subscriberId);
      if (member.socketIds.size === 0) state.members.delete(userId);
    }
    // Empty channels are dropped so "occupied" in the HTTP API means what it says.
    if (state.subscribers.size === 0) this.channels.delete(channel);
  }

  isSubscribed(channel: string, subscriberId: string): boolean {
    return this.channels.get(channel)?.subscribers.has(subscriberId) ?? false;
  }

  /** Returns true when this user id was not present before (time for member_added). */
  addMember(channel: string, userId: string, info: unknown, subscriberId: string): boolean {
    const state = this.channels.get(channel);
    if (!state) throw new Error(`addMember before subscribe on ${channel}`);
    const member = state.members.get(userId);
    if (member) {
      // The first socket's info stays: others were told about that one in member_added.
      member.socketIds.add(subscriberId);
      return false;
    }
    state.members.set(userId, { info, socketIds: new Set([subscriberId]) });
    return true;
  }

  /** Returns true when the user's last socket left the channel (time for member_removed). */
  removeMember(channel: string, userId: string, subscriberId: string): boolean {
    const state = this.channels.get(channel);
    const member = state?.members.get(userId);
    if (!state || !member) return false;
    member.socketIds.delete(subscriberId);
    if (member.socketIds.size > 0) return false;
    state.members.delete(userId);
    return true;
  }

  hasMember(channel: string, userId: string): boolean {
    return this.channels.get(channel)?.members.has(userId) ?? false;
  }

  /** user_id → user_info, in join order (Map preserves insertion order). */
  members(channel: string): Map<string, unknown> {
    const result = new Map<string, unknown>();
    for (const [userId, member] of this.channels.get(channel)?.members ?? []) {
      result.set(userId, member.info);
    }
    return result;
  }

  userCount(channel: string): number {
    return this.channels.get(channel)?.members.size ?? 0;
  }

  subscriptionCount(channel: string): number {
    return this.channels.get(channel)?.subscribers.size ?? 0;
  }

  /** Names of channels with at least one subscriber. */
  occupiedChannels(prefix = ''): string[] {
    return [...this.channels.keys()].filter((name) => name.startsWith(prefix));
  }

  /** Sends one already-serialised frame to every subscriber but `exceptId`. */
  broadcast(channel: string, frame: string, exceptId?: string): number {
    const state = this.channels.get(channel);
    if (!state) return 0;
    let sent = 0;
    // Copy first: a send may fail and unsubscribe the socket while we iterate.
    for (const subscriber of [...state.subscribers.values()]) {
      if (subscriber.id === exceptId) continue;
      subscriber.send(frame);
      sent += 1;
    }
    return sent;
  }

  addUserSocket(userId: string, subscriber: Subscriber): void {
    let sockets = this.users.get(userId);
    if (!sockets) {
      sockets = new Map();
      this.users.set(userId, sockets);
    }
    sockets.set(subscriber.id, subscriber);
  }

  removeUserSocket(userId: string, subscriberId: string): void {
    const sockets = this.users.get(userId);
    if (!sockets) return;
    sockets.delete(subscriberId);
    if (sockets.size === 0) this.users.delete(userId);
  }

  userSockets(userId: string): Subscriber[] {
    return [...(this.users.get(userId)?.values() ?? [])];
  }
}
