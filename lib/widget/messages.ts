import { and, desc, eq, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { NormalizedContent } from '@/channels/types';
import type { Db, DbOrTx } from '@/db/client';
import { conversations, messages, readCursors, users } from '@/db/schema';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { applyCustomerMessage } from '@/lib/ingest/apply-message';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { visitorConversations, type Visitor, type WidgetChannel } from './context';
import { WidgetError } from './errors';
import { toWidgetMessage, widgetExternalId, type RenderContext } from './render';
import { checkUpload } from './uploads';
import { leadWithProactive } from './action-rules/proactive';
import { ruleOffersFlow } from './action-rules/public-rules';
import { flowFormFor } from './forms/flow-form';
import { WIDGET_TEXT_MAX, type WidgetHistoryResponse, type WidgetMessageView } from './types';

type MessageRow = typeof messages.$inferSelect;

/** The widget's own id for a message: a resend with the same id stores nothing new. */
const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 letters, digits, "-" or "_" (a UUID is fine)');

export const sendTextInput = z.object({
  clientId,
  text: z
    .string()
    .trim()
    .min(1, 'Write a message first')
    .max(WIDGET_TEXT_MAX, `Keep messages under ${WIDGET_TEXT_MAX} characters`),
  /** The payload behind a quick reply or button the visitor tapped. */
  payload: z.string().min(1).max(1000).optional(),
  /** The flow an action rule offered the visitor: a new conversation starts with it. */
  startFlowId: z.uuid().optional(),
  /** The action rule whose message the visitor saw: a new conversation stores it first, as the shop's. */
  proactiveRuleId: z.uuid().optional(),
});

export const historyQuery = z.object({
  before: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const cursor = decodeCursor(v);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'before is not a cursor this endpoint returned' });
        return z.NEVER;
      }
      return cursor;
    }),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

type Cursor = { at: string; seq: number };

function encodeCursor(m: MessageRow): string {
  return Buffer.from(JSON.stringify([m.createdAt.toISOString(), m.seq])).toString('base64url');
}

function decodeCursor(value: string): Cursor | null {
  try {
    const [at, seq] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
    return { at, seq };
  } catch {
    return null;
  }
}

export function renderContext(channel: WidgetChannel): RenderContext {
  return { channelToken: channel.channel.externalId, channelId: channel.channel.id };
}

/** This visitor's conversations on this channel (open and resolved): the history spans them all. */
export function visitorConversationIds(db: DbOrTx, channel: WidgetChannel, visitor: Pick<Visitor, 'contactId'>) {
  return db.select({ id: conversations.id }).from(conversations).where(visitorConversations(channel, visitor));
}

/**
 * What the visitor may see: their own messages and replies that reached them (internal
 * notes and status lines never; replies still queued or failed not yet).
 */
export function visibleToVisitor() {
  return or(
    eq(messages.direction, 'inbound'),
    and(eq(messages.direction, 'outbound'), inArray(messages.status, ['sending', 'sent', 'delivered', 'read'])),
  );
}

async function agentReadCursors(db: DbOrTx, conversationIds: string[]): Promise<Map<string, Date>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .select({ conversationId: readCursors.conversationId, at: max(readCursors.lastReadAt) })
    .from(readCursors)
    .where(inArray(readCursors.conversationId, conversationIds))
    .groupBy(readCursors.conversationId);
  return new Map(rows.flatMap((r) => (r.at ? [[r.conversationId, new Date(r.at)] as const] : [])));
}

export async function toViews(db: DbOrTx, channel: WidgetChannel, rows: { message: MessageRow; authorName: string | null }[]) {
  const reads = await agentReadCursors(db, [...new Set(rows.map((r) => r.message.conversationId))]);
  const ctx = renderContext(channel);
  return rows.map((r) =>
    toWidgetMessage(r.message, { authorName: r.authorName, agentReadUpTo: reads.get(r.message.conversationId) ?? null }, ctx),
  );
}

/** This channel's messages with their authors' names, as toViews takes them; `where` narrows them. */
export function channelMessagesWithAuthors(db: DbOrTx, channel: WidgetChannel, where: SQL | undefined) {
  return db
    .select({ message: messages, authorName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.workspaceId, channel.channel.workspaceId), eq(messages.channelId, channel.channel.id), where));
}

/** The visitor's history, newest page first in the query, returned oldest first. */
export async function listHistory(
  db: DbOrTx,
  channel: WidgetChannel,
  visitor: Visitor,
  query: z.infer<typeof historyQuery>,
): Promise<WidgetHistoryResponse> {
  const rows = await channelMessagesWithAuthors(
    db,
    channel,
    and(
      inArray(messages.conversationId, visitorConversationIds(db, channel, visitor)),
      visibleToVisitor(),
      query.before ? sql`(${messages.createdAt}, ${messages.seq}) < (${query.before.at}::timestamptz, ${query.before.seq}::bigint)` : undefined,
    ),
  )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const hasMore = rows.length > query.limit;
  const views = await toViews(db, channel, page.reverse());
  const flowForm = query.before ? null : await flowFormFor(db, channel, visitor);
  return { messages: views, olderCursor: hasMore && page.length ? encodeCursor(page[0].message) : null, flowForm };
}

async function findByExternalId(db: DbOrTx, channel: WidgetChannel, externalId: string): Promise<WidgetMessageView | null> {
  const rows = await channelMessagesWithAuthors(db, channel, eq(messages.externalId, externalId)).limit(1);
  return rows.length ? (await toViews(db, channel, rows))[0] : null;
}

export type SendResult = { message: WidgetMessageView; created: boolean };

/**
 * Stores the visitor's message through the inbound pipeline (contact, open conversation,
 * state machine), race-free and idempotent on the widget's client id, then tells every
 * inbox and the visitor's other tabs.
 */
async function storeVisitorMessage(
  db: Db,
  channel: WidgetChannel,
  visitor: Visitor,
  id: string,
  content: NormalizedContent,
  options: { asRequest?: boolean; startFlowId?: string; proactiveRuleId?: string } = {},
): Promise<SendResult> {
  const externalMessageId = widgetExternalId(visitor.visitorId, id);
  // Every message event also goes to the visitor's channel (their other tabs, the bot's answers).
  const withVisitorCopies = (events: RealtimeEvent[]) => [
    ...events,
    ...events.filter((e) => e.name === 'message.created').map((e) => ({ ...e, channel: realtimeChannels.visitor(visitor.identityId) })),
  ];
  let created = false;
  const events = await applyCustomerMessage(
    db,
    channel,
    null,
    { externalMessageId, sender: { externalId: visitor.visitorId }, timestamp: new Date(), content, raw: { source: 'widget', clientId: id }, startFlowId: options.startFlowId },
    {
      onStored: (stored) => {
        created = true;
        return publish(withVisitorCopies(stored));
      },
      asRequest: options.asRequest,
      ...(options.proactiveRuleId ? { leadMessages: leadWithProactive(channel, options.proactiveRuleId) } : {}),
    },
  );
  await publish(withVisitorCopies(events));
  const message = await findByExternalId(db, channel, externalMessageId);
  if (!message) throw new Error(`Widget message ${externalMessageId} was not stored`);
  return { message, created };
}

export async function sendText(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof sendTextInput>, options: { asRequest?: boolean } = {}) {
  const content: NormalizedContent = { kind: 'text', text: input.text, ...(input.payload ? { payload: input.payload } : {}) };
  const startFlowId = input.startFlowId && (await ruleOffersFlow(db, channel, input.startFlowId)) ? input.startFlowId : undefined;
  return storeVisitorMessage(db, channel, visitor, input.clientId, content, { ...options, startFlowId, proactiveRuleId: input.proactiveRuleId });
}

export const uploadFields = z.object({
  clientId,
  caption: z.string().trim().max(1000, 'Keep the caption under 1000 characters').optional(),
});

/** A file the visitor attached: checked (type by its bytes, size by kind), stored, then sent like a message. */
export async function sendUpload(
  db: Db,
  channel: WidgetChannel,
  visitor: Visitor,
  input: z.infer<typeof uploadFields> & { file: File },
): Promise<SendResult> {
  // A resend of an upload that was stored: answer with it, without storing the bytes again.
  const existing = await findByExternalId(db, channel, widgetExternalId(visitor.visitorId, input.clientId));
  if (existing) return { message: existing, created: false };

  const data = Buffer.from(await input.file.arrayBuffer());
  const checked = checkUpload({ data, declaredType: input.file.type, name: input.file.name });
  if (!checked.ok) throw new WidgetError(checked.status, checked.code, checked.error);
  const stored = await saveFile(db, channel.channel.workspaceId, { data, name: input.file.name || 'file', mimeType: checked.mimeType });
  return storeVisitorMessage(db, channel, visitor, input.clientId, {
    kind: 'media',
    media: [{ kind: checked.kind, url: fileUrl(stored.id), mimeType: stored.mimeType, name: stored.name, size: stored.size }],
    ...(input.caption ? { caption: input.caption } : {}),
  });
}
