import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { availabilities, memberships } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { realtimeChannels } from '@/lib/realtime/channels';

export const availabilityInput = z.object({ availability: z.enum(availabilities) });

/** An agent marks themself online (takes new requests) or away (stops new assignments). */
export async function setAvailability(db: Db, ctx: ActorContext, input: z.infer<typeof availabilityInput>) {
  await db.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ availability: input.availability })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, ctx.actor.id)));
    await writeAudit(tx, ctx, 'member.availability_changed', { type: 'user', id: ctx.actor.id }, input);
  });
  await publish([
    {
      channel: realtimeChannels.workspace(ctx.workspaceId),
      name: 'member.updated',
      data: { userId: ctx.actor.id, availability: input.availability },
    },
  ]);
  return input;
}
