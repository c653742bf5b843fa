import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { routingModes, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { realtimeChannels } from '@/lib/realtime/channels';
import { routeWaitingRequests } from '@/lib/routing/route';

export const workspaceSettingsInput = z.object({
  name: z.string().trim().min(1, 'Enter the shop name').max(80, 'Keep the name under 80 characters'),
  routingMode: z.enum(routingModes),
  timezone: z
    .string()
    .trim()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'Choose a valid time zone'),
});

export type WorkspaceSettingsInput = z.infer<typeof workspaceSettingsInput>;

/** Admins edit the shop's name, routing mode and time zone. */
export async function updateWorkspaceSettings(db: Db, ctx: ActorContext, input: WorkspaceSettingsInput) {
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: workspaces.name, routingMode: workspaces.routingMode, timezone: workspaces.timezone })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for('update');
    const [row] = await tx
      .update(workspaces)
      .set(input)
      .where(eq(workspaces.id, ctx.workspaceId))
      .returning({ name: workspaces.name, routingMode: workspaces.routingMode, timezone: workspaces.timezone });
    await writeAudit(tx, ctx, 'workspace.settings_updated', { type: 'workspace', id: ctx.workspaceId }, { before, after: row });
    return row;
  });
  await publish([{ channel: realtimeChannels.workspace(ctx.workspaceId), name: 'workspace.updated', data: updated }]);
  // Switching to automatic routing hands out the waiting requests now, not at the next sweep.
  if (updated.routingMode === 'automatic') {
    await routeWaitingRequests(db, ctx.workspaceId).catch((error: unknown) =>
      console.error('[routing] after settings change:', error instanceof Error ? error.message : error),
    );
  }
  return updated;
}
