import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversations, formSubmissions } from '@/db/schema';
import { lockContact } from '@/lib/contacts/lock-contact';
import { contactUpdated } from '@/lib/contacts/realtime';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { reapplyForContact } from '@/lib/sla/reapply';
import { visitorConversations, type Visitor, type WidgetChannel } from '../context';
import { WidgetError, widgetErrors } from '../errors';
import { answersSchema, mapAnswers, readPreChatForm, type PreChatForm } from './definition';

// The pre-chat form as the widget meets it: whether to show it, and the answers it sends.

export type PreChatState = { form: PreChatForm | null; needed: boolean };

/**
 * The channel's form when it is on, and whether this visitor still has to answer it: a
 * new visitor (no conversation on this channel yet) who has not answered it before.
 */
export async function preChatState(db: Db, channel: WidgetChannel, visitor: Visitor): Promise<PreChatState> {
  const form = readPreChatForm(channel.channel.settings);
  if (!form.enabled) return { form: null, needed: false };
  const scope = visitorConversations(channel, visitor);
  const [[answered], [talked]] = await Promise.all([
    db
      .select({ id: formSubmissions.id })
      .from(formSubmissions)
      .where(and(eq(formSubmissions.workspaceId, channel.channel.workspaceId), eq(formSubmissions.channelId, channel.channel.id), eq(formSubmissions.contactId, visitor.contactId)))
      .limit(1),
    db.select({ id: conversations.id }).from(conversations).where(scope).limit(1),
  ]);
  return { form, needed: !answered && !talked };
}

/**
 * Refuses a new visitor's first message while the channel's form is unanswered: the widget
 * shows the form first, and a shop that asks for consent must get it whoever calls the API.
 */
export async function requireAnsweredPreChat(db: Db, channel: WidgetChannel, visitor: Visitor): Promise<void> {
  if (!readPreChatForm(channel.channel.settings).enabled) return;
  if ((await preChatState(db, channel, visitor)).needed) {
    throw new WidgetError(409, 'form_needed', 'Please answer the questions before your first message.');
  }
}

/** The answers, or a 400 whose message is the first problem as the visitor reads it (no field path). */
function parseAnswers(form: PreChatForm, raw: unknown) {
  const parsed = answersSchema(form).safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
  throw widgetErrors.invalid(parsed.error.issues[0]?.message ?? 'Check your answers', fieldErrors);
}

/**
 * Checks the visitor's answers against the channel's form (a clear 400 naming the first
 * problem, nothing stored), then in one transaction: the customer's name, email, phone and
 * custom data, and the submission with the consent text as it read then.
 */
export async function submitPreChat(db: Db, channel: WidgetChannel, visitor: Visitor, raw: unknown) {
  const form = readPreChatForm(channel.channel.settings);
  if (!form.enabled) throw new WidgetError(409, 'form_off', 'This chat does not ask for a form any more. Write your message.');
  const answers = parseAnswers(form, raw);
  const mapped = mapAnswers(form, answers);
  const workspaceId = channel.channel.workspaceId;
  const now = new Date();
  let slaEvents: RealtimeEvent[] = [];
  const submission = await db.transaction(async (tx) => {
    const contact = await lockContact(tx, { workspaceId }, visitor.contactId);
    const customData = { ...contact.customData, ...mapped.customData };
    await tx
      .update(contacts)
      .set({ ...mapped.contact, customData, updatedAt: now })
      .where(and(eq(contacts.id, contact.id), eq(contacts.workspaceId, workspaceId)));
    const [open] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.channelId, channel.channel.id), eq(conversations.contactId, contact.id)))
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    const [row] = await tx
      .insert(formSubmissions)
      .values({
        workspaceId,
        channelId: channel.channel.id,
        contactId: contact.id,
        conversationId: open?.id ?? null,
        formKind: 'pre_chat',
        answers: mapped.stored,
        consentText: form.consent.enabled ? form.consent.text : null,
        consentedAt: form.consent.enabled ? now : null,
        createdAt: now,
      })
      .returning({ id: formSubmissions.id, createdAt: formSubmissions.createdAt });
    // The customer's conversations may fall under another SLA rule now.
    slaEvents = await reapplyForContact(tx, workspaceId, contact.id, now);
    return row;
  });
  await publish([contactUpdated(workspaceId, visitor.contactId, now), ...slaEvents]);
  return { id: submission.id, createdAt: submission.createdAt.toISOString() };
}
