import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { memberships, notificationKinds, notificationPreferences, type NotificationKind } from '@/db/schema';
import { activeMembership } from '@/lib/auth/membership';
import type { ActorContext } from '@/lib/auth/action-core';
import { formBoolean } from '@/lib/forms/fields';
import { notificationDefaults, notificationKindList, type NotificationChannels, type NotificationKindName } from './kinds';

// The client-safe list and the schema's enum must be the same kinds.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<NotificationKind, NotificationKindName> = true;
void kindsMatch;
void notificationKinds;

export type NotificationPreferences = Record<NotificationKindName, NotificationChannels>;

const flag = formBoolean;

export const setPreferenceInput = z.object({
  kind: z.enum(notificationKindList),
  inApp: flag,
  browser: flag,
  sound: flag,
});

function withDefaults(rows: { kind: NotificationKind; inApp: boolean; browser: boolean; sound: boolean }[]): NotificationPreferences {
  const prefs = Object.fromEntries(notificationKindList.map((k) => [k, { ...notificationDefaults[k] }])) as NotificationPreferences;
  for (const row of rows) prefs[row.kind] = { inApp: row.inApp, browser: row.browser, sound: row.sound };
  return prefs;
}

/** My preferences for every kind: my saved rows, the defaults for the rest. */
export async function getMyPreferences(db: DbOrTx, ctx: ActorContext): Promise<NotificationPreferences> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.workspaceId, ctx.workspaceId), eq(notificationPreferences.userId, ctx.actor.id)));
  return withDefaults(rows);
}

/**
 * Of `userIds`, the workspace's active members, each with their channels for `kind` (the
 * defaults unless they chose): one read for both, as every notification asks both.
 */
export async function activeRecipientsWithPreferences(
  db: DbOrTx,
  workspaceId: string,
  userIds: string[],
  kind: NotificationKindName,
): Promise<Map<string, NotificationChannels>> {
  const result = new Map<string, NotificationChannels>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: memberships.userId, inApp: notificationPreferences.inApp, browser: notificationPreferences.browser, sound: notificationPreferences.sound })
    .from(memberships)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.workspaceId, memberships.workspaceId), eq(notificationPreferences.userId, memberships.userId), eq(notificationPreferences.kind, kind)),
    )
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds), activeMembership()));
  for (const row of rows) {
    const chosen = row.inApp !== null && row.browser !== null && row.sound !== null;
    result.set(row.userId, chosen ? { inApp: row.inApp!, browser: row.browser!, sound: row.sound! } : { ...notificationDefaults[kind] });
  }
  return result;
}

/** Saves my choice for one kind. A browser sound needs something to ring for, so no sound without a channel. */
export async function setMyPreference(db: DbOrTx, ctx: ActorContext, input: z.infer<typeof setPreferenceInput>) {
  const values = { inApp: input.inApp, browser: input.browser, sound: input.sound && (input.inApp || input.browser) };
  await db
    .insert(notificationPreferences)
    .values({ workspaceId: ctx.workspaceId, userId: ctx.actor.id, kind: input.kind, ...values })
    .onConflictDoUpdate({
      target: [notificationPreferences.workspaceId, notificationPreferences.userId, notificationPreferences.kind],
      set: values,
    });
  return { kind: input.kind, ...values };
}

/** Back to the defaults for every kind. */
export async function resetMyPreferences(db: DbOrTx, ctx: ActorContext) {
  await db
    .delete(notificationPreferences)
    .where(and(eq(notificationPreferences.workspaceId, ctx.workspaceId), eq(notificationPreferences.userId, ctx.actor.id)));
  return withDefaults([]);
}
