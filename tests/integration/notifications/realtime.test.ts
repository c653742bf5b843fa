import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from 'pusher-js';
import { getDb } from '@/lib/db';
import { teamMembers, teams } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { assignConversation } from '@/lib/inbox/ops/assign';
import type { NotificationEventPayload } from '@/lib/notifications/kinds';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { fireReminder } from '@/lib/reminders/fire';
import { reminders } from '@/db/schema';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { staysFalse } from '../reminders/wait';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

type User = Awaited<ReturnType<typeof createUser>>;

/** pusher-js as a signed-in member: channel authorization runs through the app's real rules. */
function connectAs(user: User) {
  return realtime.connect(async (socketId, channelName) => {
    const result = await authorizeMemberChannel(getDb(), sessionOf(user), { socketId, channelName });
    return result.ok ? result.body : { error: result.error };
  });
}

async function listen(user: User): Promise<Channel> {
  const channel = connectAs(user).subscribe(realtimeChannels.user(user.id));
  await nextEvent(channel, 'pusher:subscription_succeeded');
  return channel;
}

/** Everything a channel receives of one event, to show what did *not* arrive. */
function record(channel: Channel, event = 'notification.created') {
  const seen: NotificationEventPayload[] = [];
  channel.bind(event, (data: NotificationEventPayload) => seen.push(data));
  return seen;
}

let shop: Awaited<ReturnType<typeof createWorkspace>>;
let admin: ActorContext;
let chloe: User;
let ben: User;
let conversationId: string;

beforeEach(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Live Shop');
  const boss = await createUser(db, 'Ana Admin');
  chloe = await createUser(db, 'Chloe Tan');
  ben = await createUser(db, 'Ben Carter');
  await addMember(db, shop.id, boss.id, 'admin');
  await addMember(db, shop.id, chloe.id, 'agent');
  await addMember(db, shop.id, ben.id, 'agent');
  admin = { workspaceId: shop.id, actor: { id: boss.id, name: boss.name, email: boss.email, role: 'admin' } };
  conversationId = (await createConversation(db, shop.id)).conversation.id;
});

describe('notifications arrive live on private-user-{id}', () => {
  it('the agent a conversation is assigned to gets notification.created; nobody else does', async () => {
    const chloeChannel = await listen(chloe);
    const benChannel = await listen(ben);
    const benSaw = record(benChannel);

    const received = nextEvent<NotificationEventPayload>(chloeChannel, 'notification.created');
    await assignConversation(getDb(), admin, { conversationId, to: `agent:${chloe.id}` });
    const event = await received;
    expect(event).toMatchObject({
      workspaceId: shop.id,
      kind: 'assigned_to_me',
      conversationId,
      title: 'Ana Admin assigned Kerry to you',
      browser: true,
      sound: true,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await staysFalse(async () => benSaw.length > 0, 300)).toBe(true);

    // Re-assigned to Ben: he hears "re-assigned to me"; Chloe's "unassigned" is off by default.
    const chloeSaw = record(chloeChannel);
    const toBen = nextEvent<NotificationEventPayload>(benChannel, 'notification.created');
    await assignConversation(getDb(), admin, { conversationId, to: `agent:${ben.id}` });
    expect(await toBen).toMatchObject({ kind: 'reassigned_to_me', title: 'Ana Admin re-assigned Kerry to you', conversationId });
    expect(await staysFalse(async () => chloeSaw.length > 0, 300)).toBe(true);
  });

  it('another agent cannot listen to my notifications', async () => {
    const spy = connectAs(ben).subscribe(realtimeChannels.user(chloe.id));
    const error = await nextEvent<{ type: string }>(spy, 'pusher:subscription_error');
    expect(error.type).toBe('AuthError');
    expect(await authorizeMemberChannel(getDb(), sessionOf(ben), { socketId: '1.2', channelName: realtimeChannels.user(chloe.id) })).toMatchObject({ ok: false, status: 403 });
  });

  it('a team assignment reaches its members without a sound', async () => {
    const [sales] = await getDb().insert(teams).values({ workspaceId: shop.id, name: 'Sales' }).returning();
    await getDb().insert(teamMembers).values([{ teamId: sales.id, userId: chloe.id, workspaceId: shop.id }]);
    const chloeChannel = await listen(chloe);
    const benSaw = record(await listen(ben));
    const received = nextEvent<NotificationEventPayload>(chloeChannel, 'notification.created');
    await assignConversation(getDb(), admin, { conversationId, to: `team:${sales.id}` });
    expect(await received).toMatchObject({ kind: 'assigned_to_my_team', title: 'Ana Admin assigned Kerry to Sales', browser: true, sound: false });
    expect(await staysFalse(async () => benSaw.length > 0, 300)).toBe(true);
  });

  it('a reminder coming due notifies its agent and updates the conversation live', async () => {
    const chloeChannel = await listen(chloe);
    const workspace = connectAs(chloe).subscribe(realtimeChannels.workspace(shop.id));
    await nextEvent(workspace, 'pusher:subscription_succeeded');
    const [reminder] = await getDb()
      .insert(reminders)
      .values({ workspaceId: shop.id, conversationId, userId: chloe.id, dueAt: new Date(), note: 'Send the invoice' })
      .returning();
    const notified = nextEvent<NotificationEventPayload>(chloeChannel, 'notification.created');
    const updated = nextEvent<{ id: string; followUp: boolean; version: number }>(workspace, 'conversation.updated');
    await fireReminder(getDb(), reminder.id);
    expect(await notified).toMatchObject({ kind: 'reminder_due', title: 'Reminder: Kerry', body: 'Send the invoice', conversationId });
    expect(await updated).toMatchObject({ id: conversationId, followUp: true, version: 2 });
  });
});
