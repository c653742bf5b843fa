import { inArray, sql } from 'drizzle-orm';
import { getMessagingAdapter } from '@/channels';
import type { NormalizedEvent } from '@/channels/types';
import type { Db, Tx } from '@/db/client';
import { contacts, conversations, messages } from '@/db/schema';
import { loadChannel, type LoadedChannel } from '@/lib/channel-config/load';
import { errorReason } from '@/lib/errors';
import { messagePreview } from '@/lib/inbox/preview';
import { botMayAnswer } from '@/lib/flows/runtime';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { owedAReplyAlready, trackCustomerMessage } from '@/lib/sla/track';
import {
  continueAfterStore,
  customerTimelineAdvances,
  customerBusy,
  inCustomerOrder,
  storedMessageEvents,
  type StoredMessage,
} from './apply-message';
import type { ConversationRow } from './conversation';
import { refreshContact } from './contacts';
import { customerKey } from './customer-keys';
import { markFailed, type ClaimedEvent, type ProcessOutcome } from './process';
import { contentToMessage } from './to-message';
import { followUpAfterStore, onlyTellsTheAssignee, runAssigneeFollowUps } from './follow-up';

// The common delivery, many at once: a text from a known customer to their open
// conversation. One transaction stores all of a claim's such messages with a few
// multi-row statements (their customers locked together, in one order), and one publish
// tells the agents; each message's second step (the bot, notifications, routing) then runs
// in that customer's order like any other message. Whatever does not fit (a new customer,
// media, no open conversation, two messages of one customer in the claim, anything not a
// message) is left to the one-at-a-time path, unchanged.

type TextMessage = Extract<NormalizedEvent, { type: 'message' }> & { content: { kind: 'text' } };
type Candidate = { claimed: ClaimedEvent; loaded: LoadedChannel; event: TextMessage; key: string; at: Date };
type Found = { candidate: Candidate; conversation: ConversationRow; contact: { id: string; name: string | null } };

const MIN_BATCH = 2;

function asCandidate(claimed: ClaimedEvent, loaded: LoadedChannel | null): Omit<Candidate, 'key'> | null {
  if (!loaded || !loaded.channel.enabled) return null;
  const adapter = getMessagingAdapter(loaded.channel.kind);
  if (!adapter) return null;
  const parsed = adapter.parseWebhook(claimed.rawBody);
  if (!parsed.ok || parsed.events.length !== 1) return null;
  const [event] = parsed.events;
  // A reply to an earlier message or a new picture needs reads of its own: one at a time.
  if (event.type !== 'message' || event.content.kind !== 'text' || event.replyToExternalId || event.reference || event.sender.avatarUrl) return null;
  return { claimed, loaded, event: event as TextMessage, at: new Date(Math.min(event.timestamp.getTime(), Date.now())) };
}

/** The deliveries of a claim that can go together: one per customer, nothing of theirs in flight. */
async function pickCandidates(db: Db, claimed: ClaimedEvent[]): Promise<Candidate[]> {
  const seen = new Map<string, number>();
  const picked: Candidate[] = [];
  for (const c of claimed) {
    const candidate = asCandidate(c, await loadChannel(db, c.channelId).catch(() => null));
    if (!candidate) continue;
    const key = customerKey(candidate.loaded.channel.id, candidate.event.sender.externalId);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    // A sender never seen has no contact yet: the read below finds none and leaves them to
    // the one-at-a-time path, which asks the platform for their profile.
    if (!customerBusy(key)) picked.push({ ...candidate, key });
  }
  // Two of one customer's messages in one claim keep their order on the one-at-a-time path.
  return picked.filter((c) => seen.get(c.key) === 1);
}

/** The candidates with a contact, an open conversation (locked) and a message not stored yet. */
async function findTargets(tx: Tx, candidates: Candidate[]) {
  const rows = await tx.execute<{ ord: number; contact_id: string | null; contact_name: string | null; duplicate: boolean; conversation_id: string | null }>(sql`
    select k.ord, ci.contact_id, ct.name as contact_name,
      exists (select 1 from ${messages} m where m.channel_id = k.channel_id and m.external_id = k.message_id) as duplicate,
      (select c.id from ${conversations} c where c.contact_id = ci.contact_id and c.channel_id = k.channel_id and c.status = 'open' limit 1) as conversation_id
    from unnest(${sql.param(candidates.map((_, i) => i))}::int[], ${sql.param(candidates.map((c) => c.loaded.channel.id))}::uuid[],
                ${sql.param(candidates.map((c) => c.event.sender.externalId))}::text[], ${sql.param(candidates.map((c) => c.event.externalMessageId))}::text[])
      as k(ord, channel_id, external_id, message_id)
    left join contact_identities ci on ci.channel_id = k.channel_id and ci.external_id = k.external_id
    left join ${contacts} ct on ct.id = ci.contact_id`);
  const ids = rows.rows.map((r) => r.conversation_id).filter((id): id is string => Boolean(id));
  const open = ids.length ? await tx.select().from(conversations).where(inArray(conversations.id, ids)).for('update') : [];
  const byId = new Map(open.map((c) => [c.id, c]));
  const found: Found[] = [];
  for (const r of rows.rows) {
    const candidate = candidates[r.ord];
    // A message stored already may still await the bot's answer: the one-at-a-time path looks.
    if (r.duplicate) continue;
    if (r.contact_id && r.conversation_id && byId.get(r.conversation_id)?.status === 'open') {
      found.push({ candidate, conversation: byId.get(r.conversation_id)!, contact: { id: r.contact_id, name: r.contact_name } });
    }
  }
  return found;
}

/** Stores the messages and moves their conversations on, as applyCustomerMessage's first step does. */
async function storeAll(tx: Tx, found: Found[]): Promise<Map<Candidate, StoredMessage>> {
  const stored = new Map<Candidate, StoredMessage>();
  if (found.length === 0) return stored;
  const fieldsOf = found.map((f) => contentToMessage(f.candidate.event.content, f.candidate.event.raw));
  const inserted = await tx
    .insert(messages)
    .values(
      found.map((f, i) => ({
        workspaceId: f.candidate.loaded.channel.workspaceId,
        conversationId: f.conversation.id,
        channelId: f.candidate.loaded.channel.id,
        direction: 'inbound' as const,
        senderKind: 'customer' as const,
        ...fieldsOf[i],
        externalId: f.candidate.event.externalMessageId,
        status: 'received' as const,
        awaitingBot: botMayAnswer(f.conversation, f.candidate.event.content, false),
        followUp: followUpAfterStore(f.conversation, false),
        createdAt: f.candidate.at,
      })),
    )
    .onConflictDoNothing()
    .returning();
  const byExternalId = new Map(inserted.map((m) => [`${m.channelId}:${m.externalId}`, m]));

  // Most conversations under an SLA owe a reply already: one read tells which, the rest are tracked one by one.
  const owed = await owedAReplyAlready(tx, found.map((f) => f.conversation));
  const updates: Array<{ f: Found; message: (typeof inserted)[number]; row: ConversationRow; patch: Record<string, string> }> = [];
  for (const [i, f] of found.entries()) {
    const message = byExternalId.get(`${f.candidate.loaded.channel.id}:${f.candidate.event.externalMessageId}`);
    if (!message) continue; // stored meanwhile by another delivery of the same message
    const { event, at } = f.candidate;
    const c = f.conversation;
    await refreshContact(tx, { id: f.contact.id, workspaceId: c.workspaceId, name: f.contact.name }, { name: event.sender.name });
    const sla = owed.has(c.id) ? null : await trackCustomerMessage(tx, c, at);
    // Only ever forward, as on the one-at-a-time path: a late delivery changes no pointer.
    const shown = !c.lastMessageAt || at >= c.lastMessageAt;
    const patch = customerTimelineAdvances(c, at)
      ? { lastInboundExternalId: event.externalMessageId, ...(event.replyToken ? { lineReplyToken: event.replyToken, lineReplyTokenAt: at.toISOString() } : {}) }
      : {};
    const row: ConversationRow = {
      ...c,
      ...sla,
      lastMessageAt: shown ? at : c.lastMessageAt,
      lastMessagePreview: shown ? messagePreview(fieldsOf[i].kind, fieldsOf[i].body) : c.lastMessagePreview,
      lastMessageKind: shown ? fieldsOf[i].kind : c.lastMessageKind,
      lastCustomerMessageAt: customerTimelineAdvances(c, at) ? at : c.lastCustomerMessageAt,
      channelState: { ...c.channelState, ...patch },
      version: c.version + 1,
      updatedAt: new Date(),
    };
    updates.push({ f, message, row, patch });
    if (sla) await tx.update(conversations).set(sla).where(sql`${conversations.id} = ${c.id}`);
  }
  if (updates.length === 0) return stored;
  // One statement for every conversation; the rows were read under lock, so what is written
  // is what the events say.
  const col = <T>(pick: (r: ConversationRow) => T) => sql.param(updates.map((u) => pick(u.row)));
  await tx.execute(sql`
    update ${conversations} c set
      last_message_at = v.last_message_at, last_message_preview = v.preview, last_message_kind = v.kind,
      last_customer_message_at = v.last_customer_message_at, channel_state = c.channel_state || v.channel_patch,
      version = v.version, updated_at = v.updated_at
    from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.lastMessageAt)}::timestamptz[], ${col((r) => r.lastMessagePreview)}::text[],
                ${col((r) => r.lastMessageKind)}::text[], ${col((r) => r.lastCustomerMessageAt)}::timestamptz[],
                ${sql.param(updates.map((u) => JSON.stringify(u.patch)))}::jsonb[], ${col((r) => r.version)}::int[], ${col((r) => r.updatedAt)}::timestamptz[])
      as v(id, last_message_at, preview, kind, last_customer_message_at, channel_patch, version, updated_at)
    where c.id = v.id`);
  for (const u of updates) stored.set(u.f.candidate, { message: u.message, conversation: u.row, opened: false, lead: [] });
  return stored;
}

/**
 * Takes the deliveries of a claim that fit the batch and processes them; returns a promise
 * per delivery taken (settled when its whole story, second step included, is done). The
 * rest is for processClaimedEvent.
 */
export async function processBatchable(
  db: Db,
  claimed: ClaimedEvent[],
  markProcessed: (eventId: string) => Promise<void>,
): Promise<Map<string, Promise<ProcessOutcome>>> {
  const taken = new Map<string, Promise<ProcessOutcome>>();
  const candidates = await pickCandidates(db, claimed);
  if (candidates.length < MIN_BATCH) return taken;

  const keys = [...new Set(candidates.map((c) => c.key))].sort();
  let result: { stored: Map<Candidate, StoredMessage> };
  try {
    result = await db.transaction(async (tx) => {
      // Always in one order, so two batches (two workers) never wait on each other in a circle.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from (select unnest(${sql.param(keys)}::text[]) as k order by 1) ordered`);
      return { stored: await storeAll(tx, await findTargets(tx, candidates)) };
    });
  } catch (error) {
    // Nothing was written: every delivery goes the one-at-a-time way.
    console.error('[ingest] a batch failed, its deliveries go one at a time:', errorReason(error));
    return taken;
  }

  const storedEvents = new Map([...result.stored].map(([c, s]) => [c, storedMessageEvents(s)]));
  // Agents see every message of the batch with one publish, before any bot answers.
  const published = publish([...storedEvents.values()].flat());
  // Messages to agents' conversations that the bot leaves alone need only their assignee's
  // notification: one transaction for all of them rather than one each.
  const assigneeOnly = [...result.stored].filter(
    ([candidate, stored]) =>
      !(stored.message.awaitingBot && botMayAnswer(stored.conversation, candidate.event.content, stored.opened)) &&
      onlyTellsTheAssignee(stored.message.followUp, stored.conversation),
  );
  const told = published.then(() =>
    runAssigneeFollowUps(
      db,
      assigneeOnly.map(([, stored]) => ({ messageId: stored.message.id, conversationId: stored.conversation.id, assigneeWhenStored: stored.conversation.assigneeId! })),
    ),
  );
  told.catch(() => {}); // each of those stories gets the failure (its delivery is retried); none is left unhandled
  const toldTogether = new Set(assigneeOnly.map(([candidate]) => candidate));
  for (const [candidate, stored] of result.stored) {
    // Registered at once (no await since the commit), so the customer's next message waits for it.
    const story = inCustomerOrder(candidate.key, async () => {
      await published;
      if (toldTogether.has(candidate)) return told;
      const more: RealtimeEvent[] = await continueAfterStore(db, candidate.loaded, candidate.event.sender, candidate.event.content, stored);
      await publish(more);
    });
    taken.set(
      candidate.claimed.id,
      story.then(
        () => markProcessed(candidate.claimed.id).then(() => 'processed' as const),
        // The message is stored and shown; its follow-up failed (its marker stays): retried as on the one-at-a-time path.
        (error: unknown) => markFailed(db, candidate.claimed, error),
      ),
    );
  }
  return taken;
}
