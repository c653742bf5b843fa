import { and, desc, eq, sql } from 'drizzle-orm';
import type { NotificationOptin, Sender } from '@/channels/types';
import type { Db } from '@/db/client';
import { conversations, messengerOptins } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { recordTransition } from '@/lib/conversations/record';
import { noteOnly } from '@/lib/conversations/state-machine';
import { frequencyWord } from '@/lib/messenger-optins/availability';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { findOrCreateContact, lockCustomer } from './contacts';

/**
 * Messenger's notification opt-in (accepted, stopped, resumed): the token is stored per
 * customer (one row per token) and an open conversation gets a status line. A repeated
 * delivery, or an event older than what the row says, changes nothing and writes no line.
 */
export async function applyOptin(
  db: Db,
  loaded: LoadedChannel,
  event: { sender: Sender; timestamp: Date; optin: NotificationOptin },
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  const { optin } = event;
  return db.transaction(async (tx) => {
    await lockCustomer(tx, channel.id, event.sender.externalId);
    const contact = await findOrCreateContact(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: channel.kind,
      sender: event.sender,
    });
    const [previous] = await tx
      .select({ status: messengerOptins.status, changedAt: messengerOptins.changedAt })
      .from(messengerOptins)
      .where(and(eq(messengerOptins.channelId, channel.id), eq(messengerOptins.token, optin.token)))
      .limit(1);
    if (previous && previous.changedAt.getTime() >= event.timestamp.getTime()) return [];
    const fields = {
      frequency: optin.frequency,
      status: optin.status,
      changedAt: event.timestamp,
      ...(optin.title !== undefined ? { title: optin.title } : {}),
      ...(optin.payload !== undefined ? { payload: optin.payload } : {}),
      ...(optin.timezone !== undefined ? { timezone: optin.timezone } : {}),
      ...(optin.expiresAt ? { expiresAt: optin.expiresAt } : {}),
    };
    await tx
      .insert(messengerOptins)
      .values({ workspaceId: channel.workspaceId, channelId: channel.id, contactId: contact.contactId, token: optin.token, ...fields })
      .onConflictDoUpdate({
        target: [messengerOptins.channelId, messengerOptins.token],
        set: fields,
        // Two deliveries racing past the read above: only the newer event's view is kept.
        setWhere: sql`${messengerOptins.changedAt} < ${event.timestamp.toISOString()}::timestamptz`,
      });
    if (previous && previous.status === optin.status) return [];

    const [open] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.contactId, contact.contactId), eq(conversations.channelId, channel.id), eq(conversations.status, 'open')))
      .orderBy(desc(conversations.createdAt))
      .limit(1)
      .for('update');
    if (!open) return [];
    const recorded = await recordTransition(tx, {
      conversation: open,
      transition: noteOnly(open, optinLine(optin, Boolean(previous))),
      event: `optin_${optin.status}`,
      actorUserId: null,
      audit: false,
    });
    return recorded?.events ?? [];
  });
}

function optinLine(optin: NotificationOptin, known: boolean): string {
  const word = frequencyWord(optin.frequency);
  if (optin.status === 'stopped') return `Customer stopped the ${word} notifications`;
  if (known) return `Customer resumed the ${word} notifications`;
  const until = optin.expiresAt ? ` until ${optin.expiresAt.toISOString().slice(0, 10)}` : '';
  return `Customer opted in to ${word} notifications${optin.title ? ` (“${optin.title}”)` : ''}${until}`;
}
