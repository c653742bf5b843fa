import type { conversations, messages } from '@/db/schema';
import { messageExtras } from '@/lib/inbox/history-content';
import { realtimeChannels } from './channels';
import type { RealtimeEvent } from './publisher';

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

// What clients receive. Small (Pusher caps an event at 10 KB): enough to update a list row
// or append a message; clients refetch anything larger. Every payload carries `version`.

export function conversationSummary(c: ConversationRow) {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    handler: c.handler,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    followUp: c.followUp,
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastMessagePreview: c.lastMessagePreview,
    lastMessageKind: c.lastMessageKind,
    priority: c.priority,
    slaDueAt: c.slaDueAt?.toISOString() ?? null,
    slaDueKind: c.slaDueKind,
    slaDueStartedAt: c.slaDueStartedAt?.toISOString() ?? null,
  };
}

export function messageSummary(m: MessageRow) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    senderKind: m.senderKind,
    senderUserId: m.senderUserId,
    kind: m.kind,
    body: m.body && m.body.length > 4000 ? `${m.body.slice(0, 4000)}…` : m.body,
    attachments: m.attachments,
    status: m.status,
    error: m.error,
    createdAt: m.createdAt.toISOString(),
    ...extrasOf(m),
  };
}

/** Instagram's reference, reaction and unsent mark: a few short strings, shown without a refetch. */
function extrasOf(m: MessageRow) {
  const extras = messageExtras(m.payload);
  return extras ? { extras } : {};
}

export function conversationChanged(c: ConversationRow, created = false): RealtimeEvent {
  return {
    channel: realtimeChannels.workspace(c.workspaceId),
    name: created ? 'conversation.created' : 'conversation.updated',
    data: conversationSummary(c),
  };
}

export function messageCreated(m: MessageRow, version: number): RealtimeEvent {
  return { channel: realtimeChannels.conversation(m.conversationId), name: 'message.created', data: { version, message: messageSummary(m) } };
}

export function messageUpdated(m: MessageRow): RealtimeEvent {
  return {
    channel: realtimeChannels.conversation(m.conversationId),
    name: 'message.updated',
    // extras null: none (a reaction taken back clears the one shown).
    data: {
      message: {
        id: m.id,
        status: m.status,
        error: m.error,
        externalId: m.externalId,
        extras: messageExtras(m.payload) ?? null,
        // An agent's audio is replaced by the file prepared for the channel, with its length.
        ...(m.kind === 'audio' && m.direction === 'outbound' ? { attachments: m.attachments } : {}),
      },
    },
  };
}
