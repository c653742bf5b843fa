import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { auditLog, channels, contacts, conversations, memberships, messages, teamMembers, teams, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { Role } from '@/lib/auth/membership';
import { createUser, createWorkspace } from '../support/fixtures';

/**
 * A workspace for routing tests: automatic mode, a website channel, members with their
 * routing settings, requests in the queue, and an `online` set standing in for presence.
 */
export async function createRoutingWorld(options: { mode?: 'manual' | 'automatic'; name?: string } = {}) {
  const db = getDb();
  const ws = await createWorkspace(db, options.name ?? 'Routing Shop');
  await db.update(workspaces).set({ routingMode: options.mode ?? 'automatic' }).where(eq(workspaces.id, ws.id));
  const [channel] = await db.insert(channels).values({ workspaceId: ws.id, kind: 'web', name: 'Website', externalId: randomUUID() }).returning();
  const online = new Set<string>();

  async function member(
    name: string,
    settings: { role?: Role; capacity?: number; availability?: 'online' | 'away'; active?: boolean; present?: boolean } = {},
  ): Promise<ActorContext> {
    const user = await createUser(db, name);
    const role = settings.role ?? 'agent';
    await db.insert(memberships).values({
      workspaceId: ws.id,
      userId: user.id,
      role,
      capacity: settings.capacity ?? 5,
      availability: settings.availability ?? 'online',
      active: settings.active ?? true,
    });
    if (settings.present ?? true) online.add(user.id);
    return { workspaceId: ws.id, actor: { id: user.id, name, email: user.email, role } };
  }

  async function request(teamId: string | null = null) {
    const [contact] = await db.insert(contacts).values({ workspaceId: ws.id, name: `Customer ${randomUUID().slice(0, 6)}` }).returning();
    const [conversation] = await db
      .insert(conversations)
      .values({ workspaceId: ws.id, contactId: contact.id, channelId: channel.id, handler: 'queue', teamId })
      .returning();
    return conversation;
  }

  async function team(name: string, ...members: ActorContext[]) {
    const [row] = await db.insert(teams).values({ workspaceId: ws.id, name }).returning();
    for (const m of members) {
      await db.insert(teamMembers).values({ teamId: row.id, userId: m.actor.id, workspaceId: ws.id });
    }
    return row;
  }

  return {
    workspace: ws,
    channel,
    online,
    /** The injected presence lookup: who is "connected" right now. */
    lookup: async () => new Set(online),
    member,
    request,
    team,
  };
}

export async function reload(id: string) {
  const [row] = await getDb().select().from(conversations).where(eq(conversations.id, id));
  return row;
}

/** Open conversations per assignee in a workspace (handler agent). */
export async function loadByAgent(workspaceId: string): Promise<Map<string, number>> {
  const rows = await getDb()
    .select({ assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'open'), eq(conversations.handler, 'agent')));
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.assigneeId!, (out.get(r.assigneeId!) ?? 0) + 1);
  return out;
}

export async function waitingCount(workspaceId: string): Promise<number> {
  const rows = await getDb()
    .select({ id: conversations.id, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'open'), eq(conversations.handler, 'queue')));
  return rows.filter((r) => r.assigneeId === null).length;
}

export async function statusLines(conversationId: string) {
  const rows = await getDb()
    .select({ body: messages.body, kind: messages.kind })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.createdAt, messages.seq);
  return rows.filter((r) => r.kind === 'status').map((r) => r.body);
}

export async function auditActions(workspaceId: string, action: string) {
  return getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
}
