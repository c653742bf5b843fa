import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { pushSubscriptions } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { deviceLabel } from './payload';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url');

/** `PushSubscription.toJSON()` as the browser gives it. */
export const savePushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https$/, error: 'A push endpoint must be an https:// address.' }).max(2048),
  keys: z.object({ p256dh: base64url.min(80).max(100), auth: base64url.min(16).max(32) }),
});

export const removePushSubscriptionInput = z.object({ id: z.uuid() });
export const endpointInput = z.object({ endpoint: z.string().min(1).max(2048) });
export const reportVisibilityInput = endpointInput.extend({ visible: z.boolean() });

/** How long a visible tab's heartbeat counts: the tab repeats it more often than this. */
export const VISIBLE_FOR_MS = 70_000;

export type PushDevice = { id: string; label: string; createdAt: string; lastUsedAt: string | null; endpoint: string };

/**
 * Stores this browser's subscription for me. The endpoint is unique: the same browser
 * subscribing again (or another agent signing in on it) takes the row over, so a device
 * never pushes to someone who signed out of it.
 */
export async function savePushSubscription(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof savePushSubscriptionInput>, userAgent: string | null) {
  const values = { userId: ctx.actor.id, p256dh: input.keys.p256dh, auth: input.keys.auth, deviceLabel: deviceLabel(userAgent) };
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ endpoint: input.endpoint, ...values })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, createdAt: sql`now()`, lastUsedAt: null } })
    .returning({ id: pushSubscriptions.id, label: pushSubscriptions.deviceLabel, createdAt: pushSubscriptions.createdAt });
  return { id: row!.id, label: row!.label, createdAt: row!.createdAt.toISOString() };
}

/** My devices, newest first. */
export async function listMyPushDevices(db: DbOrTx, userId: string): Promise<PushDevice[]> {
  const rows = await db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt));
  return rows.map((r) => ({
    id: r.id,
    label: r.deviceLabel,
    endpoint: r.endpoint,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Removes one of my devices; someone else's is "not found", never removed. */
export async function removeMyPushDevice(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof removePushSubscriptionInput>) {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.id, input.id), eq(pushSubscriptions.userId, ctx.actor.id)))
    .returning({ id: pushSubscriptions.id });
  if (removed.length === 0) throw new UserError('not_found', 'That device is no longer in your list.');
  return { id: input.id };
}

/** "Disable on this device": the browser unsubscribes and tells us its endpoint. */
export async function removeMyPushEndpoint(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof endpointInput>) {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, ctx.actor.id)));
  return { endpoint: input.endpoint };
}

/**
 * A Baton tab on this device is visible (or stopped being): while the heartbeat is fresh the
 * agent gets the in-app notification there and the device gets no push.
 */
export async function reportVisibility(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof reportVisibilityInput>, now = new Date()) {
  const visibleUntil = input.visible ? new Date(now.getTime() + VISIBLE_FOR_MS) : null;
  const rows = await db
    .update(pushSubscriptions)
    .set({ visibleUntil })
    .where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, ctx.actor.id)))
    .returning({ id: pushSubscriptions.id });
  return { known: rows.length > 0 };
}
