import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { channels, contacts, conversations, memberships, users, workspaces } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/membership';

// Small builders for integration tests: real rows in the test's own database.

export async function createWorkspace(db: Db, name = 'Shop') {
  const [ws] = await db
    .insert(workspaces)
    .values({ name, slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}` })
    .returning();
  return ws;
}

// bcrypt is slow on purpose; tests that create many users share one hash per password.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export async function createUser(db: Db, name = 'Agent', password = 'correct horse') {
  const [user] = await db
    .insert(users)
    .values({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@example.test`, passwordHash: await hashOnce(password) })
    .returning();
  return user;
}

export async function addMember(db: Db, workspaceId: string, userId: string, role: Role = 'agent') {
  await db.insert(memberships).values({ workspaceId, userId, role });
}

export async function createConversation(db: Db, workspaceId: string) {
  const [channel] = await db
    .insert(channels)
    .values({ workspaceId, kind: 'web', name: 'Website', externalId: randomUUID() })
    .returning();
  const [contact] = await db.insert(contacts).values({ workspaceId, name: 'Kerry' }).returning();
  const [conversation] = await db
    .insert(conversations)
    .values({ workspaceId, contactId: contact.id, channelId: channel.id, handler: 'queue' })
    .returning();
  return { channel, contact, conversation };
}

export function sessionOf(user: { id: string; name: string; email: string }) {
  return { id: user.id, name: user.name, email: user.email };
}
