import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';

// Read models for the settings screens. Secrets are never selected here.

export async function getWorkspaceSettings(db: DbOrTx, ctx: ActorContext) {
  const [row] = await db
    .select({ name: workspaces.name, slug: workspaces.slug, routingMode: workspaces.routingMode, timezone: workspaces.timezone })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row ?? null;
}

export async function listChannels(db: DbOrTx, ctx: ActorContext) {
  return db
    .select({ id: channels.id, kind: channels.kind, name: channels.name, enabled: channels.enabled, externalId: channels.externalId, createdAt: channels.createdAt })
    .from(channels)
    .where(eq(channels.workspaceId, ctx.workspaceId))
    .orderBy(asc(channels.kind), asc(channels.name));
}
