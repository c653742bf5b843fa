// Channel names, fixed here for server and browsers. Ids are uuids, which are valid channel
// characters, so names never need escaping.

export const realtimeChannels = {
  workspace: (workspaceId: string) => `private-workspace-${workspaceId}`,
  workspacePresence: (workspaceId: string) => `presence-workspace-${workspaceId}`,
  conversation: (conversationId: string) => `private-conversation-${conversationId}`,
  conversationPresence: (conversationId: string) => `presence-conversation-${conversationId}`,
  user: (userId: string) => `private-user-${userId}`,
  visitor: (visitorId: string) => `private-visitor-${visitorId}`,
  /**
   * Shared by the agents of a conversation's workspace and the website visitor it belongs to:
   * the live side of seeing the customer (co-browsing's page mirror and pointer, a call's
   * signalling), which both ends write with client events.
   */
  assist: (conversationId: string) => `private-assist-${conversationId}`,
};

/**
 * The only channels browsers may send `client-*` events on: agents' typing signals on a
 * conversation's presence channel (components/inbox/conversation/use-presence.ts), and the
 * assist channel between an agent and a website visitor. Every other channel is written by
 * the server alone, so a client event there is refused.
 */
export const clientEventChannelPrefixes: readonly string[] = ['presence-conversation-', 'private-assist-'];

export type ChannelScope = 'workspace' | 'conversation' | 'user' | 'visitor' | 'assist';

export type ParsedChannel = { scope: ChannelScope; id: string; presence: boolean };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const pattern = new RegExp(`^(private|presence)-(workspace|conversation|user|visitor|assist)-(${UUID})$`);

/** Only names of the shapes above can ever be authorized; anything else is refused. */
export function parseChannelName(name: string): ParsedChannel | null {
  const match = pattern.exec(name);
  if (!match) return null;
  const [, kind, scope, id] = match;
  const presence = kind === 'presence';
  // Presence exists only for who-is-online (workspace) and who-is-viewing (conversation).
  if (presence && scope !== 'workspace' && scope !== 'conversation') return null;
  return { scope: scope as ChannelScope, id, presence };
}
