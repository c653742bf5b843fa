import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import {
  auditLog,
  conversations,
  messages,
  readCursors,
  type BotState,
  type ChannelKind,
  type DeliveryStatus,
} from '@/db/schema';
import { statusLineValues } from '@/lib/conversations/record';
import { messageExternalId } from './demo-ids';
import type { StaffKey, TeamKey } from './demo-people';
import type { ConversationScript, ScriptMessage } from './demo-script';

export type ConversationContext = {
  now: Date;
  workspaceId: string;
  channelId: string;
  channelKind: ChannelKind;
  contactId: string;
  contactName: string;
  staffIds: Partial<Record<StaffKey, string>>;
  teamIds: Partial<Record<TeamKey, string>>;
  /** Unique per conversation; platform message ids are derived from it. */
  seed: string;
};

export type BuiltConversation = {
  conversation: typeof conversations.$inferInsert & { id: string };
  messages: (typeof messages.$inferInsert)[];
  readCursors: (typeof readCursors.$inferInsert)[];
  audit: (typeof auditLog.$inferInsert)[];
};

const MINUTE = 60_000;
// Messages written in the same minute (a bot answering instantly) keep script order.
const STEP = 2_000;
const PREVIEW_LENGTH = 140;

function fail(ctx: ConversationContext, why: string): never {
  throw new Error(`Demo seed script for ${ctx.contactName} (${ctx.seed}): ${why}`);
}

function previewOf(m: ScriptMessage): string {
  const text = (() => {
    switch (m.kind) {
      case 'image':
        return 'Image';
      case 'location':
        return 'Location';
      case 'product':
        return `Product: ${String(m.payload?.name ?? '')}`;
      case 'note':
        return `Note: ${m.body ?? ''}`;
      default:
        return m.body ?? '';
    }
  })();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

function isStaff(from: ScriptMessage['from']): from is StaffKey {
  return from !== 'customer' && from !== 'bot' && from !== 'system';
}

/** The staff member a message is attributed to: its author, or whoever caused a status line. */
function actorOf(m: ScriptMessage): StaffKey | null {
  if (isStaff(m.from)) return m.from;
  if (m.event && m.event.type !== 'handoff') return m.event.by;
  return null;
}

/**
 * Turns a script into rows whose denormalised conversation fields (last message, reply
 * windows, assignee and resolve times) agree with the messages, the way the live
 * services keep them. Inconsistent scripts throw, so a typo cannot seed a broken inbox.
 */
export function buildConversation(script: ConversationScript, ctx: ConversationContext): BuiltConversation {
  const { now } = ctx;
  const n = script.messages.length;
  if (n < 3 || n > 12) fail(ctx, `has ${n} messages, expected 3 to 12`);

  const staffId = (key: StaffKey): string => ctx.staffIds[key] ?? fail(ctx, `${key} is not a member here`);
  const teamId = (key: TeamKey): string => ctx.teamIds[key] ?? fail(ctx, `no team ${key} here`);

  const times = script.messages.map((m, i) => new Date(now.getTime() - m.at * MINUTE + i * STEP));
  script.messages.forEach((m, i) => {
    if (m.at < 1) fail(ctx, `message ${i} is not in the past`);
    if (i > 0 && m.at > script.messages[i - 1].at) fail(ctx, `message ${i} is earlier than message ${i - 1}`);
  });

  const id = randomUUID();
  // LINE reports no delivery or read receipts, so its outbound messages stop at "sent".
  const outboundStatus = (s: DeliveryStatus | undefined): DeliveryStatus =>
    ctx.channelKind === 'line' && (s === 'delivered' || s === 'read') ? 'sent' : (s ?? 'sent');

  const rows = script.messages.map((m, i): typeof messages.$inferInsert => {
    const createdAt = times[i];
    const base = {
      workspaceId: ctx.workspaceId,
      conversationId: id,
      channelId: ctx.channelId,
      kind: m.kind,
      body: m.body,
      attachments: m.attachments ?? [],
      payload: m.payload ?? null,
      createdAt,
    };
    const seed = `${ctx.seed}:${i}`;
    if (m.from === 'customer') {
      return {
        ...base,
        direction: 'inbound',
        senderKind: 'customer',
        status: 'received',
        externalId: messageExternalId(ctx.channelKind, seed, 'inbound'),
      };
    }
    if (m.kind === 'status') {
      const actor = actorOf(m);
      const line = statusLineValues(
        { workspaceId: ctx.workspaceId, id, channelId: ctx.channelId },
        m.body ?? '',
        { event: m.event?.type === 'handoff' ? 'bot_hand_off' : (m.event?.type ?? 'demo'), actorUserId: actor ? staffId(actor) : null, payload: m.payload ?? undefined },
        createdAt,
      );
      return { ...line, sentAt: createdAt };
    }
    if (m.internal) {
      const actor = actorOf(m);
      return {
        ...base,
        direction: 'internal',
        senderKind: m.kind === 'note' ? 'agent' : 'system',
        senderUserId: actor ? staffId(actor) : null,
        payload: m.event ? { ...m.payload, event: m.event.type === 'handoff' ? 'bot_hand_off' : m.event.type } : base.payload,
        status: 'sent',
        sentAt: createdAt,
      };
    }
    const status = outboundStatus(m.status);
    const reached = status === 'sent' || status === 'delivered' || status === 'read';
    const at = (ms: number) => new Date(Math.min(createdAt.getTime() + ms, now.getTime()));
    return {
      ...base,
      direction: 'outbound',
      senderKind: m.from === 'bot' ? 'bot' : 'agent',
      senderUserId: isStaff(m.from) ? staffId(m.from) : null,
      status,
      error: m.error ?? null,
      externalId: reached ? messageExternalId(ctx.channelKind, seed, 'outbound') : null,
      sentAt: reached ? at(1_000) : null,
      deliveredAt: status === 'delivered' || status === 'read' ? at(1_500) : null,
      readAt: status === 'read' ? at(60_000) : null,
    };
  });

  const lastIndex = (pred: (m: ScriptMessage) => boolean) => {
    for (let i = n - 1; i >= 0; i--) if (pred(script.messages[i])) return i;
    return -1;
  };
  const timeOf = (i: number) => (i >= 0 ? times[i] : null);

  const status = script.status ?? 'open';
  const resolveAt = lastIndex((m) => m.event?.type === 'resolve');
  if ((status === 'resolved') !== resolveAt >= 0) fail(ctx, `status ${status} disagrees with its resolve line`);
  const resolveEvent = resolveAt >= 0 ? script.messages[resolveAt].event : undefined;

  const assignAt = lastIndex(
    (m) => m.event?.type === 'takeover' || (m.event?.type === 'assign' && m.event.to in ctx.staffIds),
  );
  const assignEvent = assignAt >= 0 ? script.messages[assignAt].event : undefined;
  const assignedTo =
    assignEvent?.type === 'takeover' ? assignEvent.by : assignEvent?.type === 'assign' ? assignEvent.to : undefined;

  if (script.handler === 'agent') {
    if (!script.assignee) fail(ctx, 'handler agent without assignee');
    if (assignedTo !== script.assignee) fail(ctx, `assignee ${script.assignee} has no takeover/assign line`);
  } else if (script.assignee) {
    fail(ctx, `handler ${script.handler} must not have an assignee`);
  }
  if (script.handler === 'bot' && (!script.bot || script.bot.paused)) fail(ctx, 'handler bot needs a running flow');
  if (script.handler !== 'bot' && script.bot && !script.bot.paused) fail(ctx, 'only the bot handler runs a flow');
  if (script.slaDueIn !== undefined && (status !== 'open' || script.handler === 'bot')) {
    fail(ctx, 'an SLA is only owed on open conversations waiting for a human');
  }

  const botState: BotState | null = script.bot
    ? {
        flowId: 'welcome',
        flowVersion: 1,
        stepId: script.bot.stepId,
        variables: script.bot.variables ?? {},
        paused: script.bot.paused ?? false,
      }
    : null;

  const last = script.messages[n - 1];
  const conversation: BuiltConversation['conversation'] = {
    id,
    workspaceId: ctx.workspaceId,
    contactId: ctx.contactId,
    channelId: ctx.channelId,
    status,
    handler: script.handler,
    assigneeId: script.assignee ? staffId(script.assignee) : null,
    teamId: script.team ? teamId(script.team) : null,
    botState,
    followUp: script.followUp ?? false,
    // One bump per message plus the creation, as if each had gone through the services.
    version: n + 1,
    lastMessageAt: times[n - 1],
    lastMessagePreview: previewOf(last),
    lastMessageKind: last.kind,
    lastCustomerMessageAt: timeOf(lastIndex((m) => m.from === 'customer')),
    lastAgentMessageAt: timeOf(lastIndex((m) => isStaff(m.from) && !m.internal)),
    slaDueAt: script.slaDueIn === undefined ? null : new Date(now.getTime() + script.slaDueIn * MINUTE),
    assignedAt: script.assignee ? timeOf(assignAt) : null,
    resolvedAt: timeOf(resolveAt),
    resolvedById: resolveEvent?.type === 'resolve' ? staffId(resolveEvent.by) : null,
    createdAt: times[0],
    updatedAt: times[n - 1],
  };

  // Whoever acted in a conversation has seen it up to that point; later customer
  // messages are what makes it unread for them.
  const readUpTo = new Map<StaffKey, number>();
  script.messages.forEach((m, i) => {
    const actor = actorOf(m);
    if (actor) readUpTo.set(actor, i);
  });
  for (const [key, count] of Object.entries(script.read ?? {}) as [StaffKey, number][]) {
    if (count < 0 || count > n) fail(ctx, `read count ${count} out of range`);
    if (count === 0) readUpTo.delete(key);
    else readUpTo.set(key, count - 1);
  }
  const cursors = [...readUpTo].map(([key, i]) => ({ conversationId: id, userId: staffId(key), lastReadAt: times[i] }));

  const audit: BuiltConversation['audit'] = [];
  script.messages.forEach((m, i) => {
    const e = m.event;
    if (e?.type === 'resolve') {
      audit.push({
        workspaceId: ctx.workspaceId,
        actorUserId: staffId(e.by),
        action: 'conversation.resolved',
        targetType: 'conversation',
        targetId: id,
        data: { contactName: ctx.contactName },
        createdAt: times[i],
      });
    } else if (e?.type === 'assign') {
      const toTeam = !(e.to in ctx.staffIds);
      audit.push({
        workspaceId: ctx.workspaceId,
        actorUserId: staffId(e.by),
        action: 'conversation.assigned',
        targetType: 'conversation',
        targetId: id,
        data: toTeam ? { teamId: teamId(e.to as TeamKey) } : { assigneeId: staffId(e.to as StaffKey) },
        createdAt: times[i],
      });
    }
  });

  return { conversation, messages: rows, readCursors: cursors, audit };
}

export async function insertConversations(tx: Tx, built: BuiltConversation[]): Promise<void> {
  if (built.length === 0) return;
  await tx.insert(conversations).values(built.map((b) => b.conversation));
  const allMessages = built.flatMap((b) => b.messages);
  const CHUNK = 500;
  for (let i = 0; i < allMessages.length; i += CHUNK) {
    await tx.insert(messages).values(allMessages.slice(i, i + CHUNK));
  }
  const cursors = built.flatMap((b) => b.readCursors);
  if (cursors.length) await tx.insert(readCursors).values(cursors);
  const audit = built.flatMap((b) => b.audit);
  if (audit.length) await tx.insert(auditLog).values(audit);
}
