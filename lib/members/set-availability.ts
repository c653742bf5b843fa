import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { availabilities, memberships } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { realtimeChannels } from '@/lib/realtime/channels';
import { routeWaitingRequests } from '@/lib/routing/route';
import { closePresenceSession, openPresenceSession } from './presence-sessions';

export const availabilityInput = z.object({ availability: z.enum(availabilities) });

/**
 * An agent marks themself online (takes new requests) or away (stops new assignments:
 * routing only picks members marked online). Coming back online routes the requests that
 * waited meanwhile (automatic routing).
 */
export async function setAvailability(
  db: Db,
  ctx: ActorContext,
  input: z.infer<typeof availabilityInput>,
  routing: Parameters<typeof routeWaitingRequests>[2] = {},
) {
  await db.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ availability: input.availability })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, ctx.actor.id)));
    if (input.availability === 'online') await openPresenceSession(tx, ctx.workspaceId, ctx.actor.id);
    else await closePresenceSession(tx, ctx.workspaceId, ctx.actor.id);
    await writeAudit(tx, ctx, 'member.availability_changed', { type: 'user', id: ctx.actor.id }, input);
  });
  await publish([
    {
      channel: realtimeChannels.workspace(ctx.workspaceId),
      name: 'member.updated',
      data: { userId: ctx.actor.id, availability: input.availability },
    },
  ]);
  if (input.availability === 'online') {
    await routeWaitingRequests(db, ctx.workspaceId, routing).catch((error: unknown) => {
      console.error('[routing] after coming online:', error instanceof Error ? error.message : error);
    });
  }
  return input;
}
